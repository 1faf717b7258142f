const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Whether a link target is a web (http, https) or email (mailto) address: nothing else is kept. */
export function isSafeLinkUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    return ALLOWED_PROTOCOLS.has(new URL(url.trim()).protocol);
  } catch {
    return false;
  }
}

/**
 * What the link form accepts: an http(s) or mailto address, a bare host (`www.cnfpt.fr`,
 * completed with https://) or an email address (completed with mailto:). Returns null for
 * anything else (`javascript:`, relative paths…).
 */
export function normaliseLinkUrl(input: string): string | null {
  const value = input.trim();
  if (!value || /\s/.test(value)) return null;
  let candidate = value;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    if (/^[^@/]+@[^@/]+\.[^@/]+$/.test(value)) candidate = `mailto:${value}`;
    else if (/^[^@/.]+(\.[^@/.]+)+(\/.*)?$/.test(value)) candidate = `https://${value}`;
  }
  return isSafeLinkUrl(candidate) ? candidate : null;
}
