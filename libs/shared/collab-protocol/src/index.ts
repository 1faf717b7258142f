export * from './anchors';
export * from './awareness-codec';
export * from './base64';
export * from './presence-color';
