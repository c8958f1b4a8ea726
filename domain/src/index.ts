/**
 * @hub/domain — the hub's vocabulary, shared by every package: the agencies, the code lists with their Chinese
 * names, the cross-check rules and their policy, roles/scopes/purposes, region codes, ID numbers and
 * pseudonymous ids. No server libraries: the dashboard's bundle takes the code lists from here as well.
 */
export * from './agencies';
export * from './codes';
export * from './dates';
export * from './identity';
export * from './policy';
export * from './regions';
export * from './roles';
export * from './routing';
export * from './rules';
