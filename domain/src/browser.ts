/**
 * The part of @hub/domain a browser can load (no Node built-ins): code lists, today's date in China, rules, roles
 * and purposes. The
 * dashboard imports `@hub/domain` through this file (its Vite alias), so the pages show the same names the
 * rules write and the schema documents.
 */
export * from './agencies';
export * from './codes';
export * from './dates';
export * from './roles';
export * from './rules';
