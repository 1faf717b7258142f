export { Button, buttonClassName, FormActions, type FormActionsProps, type ButtonProps, type ButtonVariant, type ButtonSize } from './lib/button';
export {
  TextField,
  TextAreaField,
  SelectField,
  type TextFieldProps,
  type TextAreaFieldProps,
  type SelectFieldProps,
  type SelectOption,
} from './lib/fields';
export { Alert, LiveMessage, Spinner, LoadingState, EmptyState, type AlertProps, type AlertType } from './lib/feedback';
export { Badge, StatusBadge, type BadgeTone } from './lib/badges';
export { Breadcrumbs, type BreadcrumbItem } from './lib/breadcrumbs';
export { PlainText, excerpt } from './lib/text';
export {
  usePageTitle,
  SkipLink,
  Container,
  PageHeader,
  Section,
  ConfirmPanel,
  type PageHeaderProps,
  type ConfirmPanelProps,
} from './lib/layout';
export { useFocusFirstInvalid } from './lib/form';
