/**
 * Signs a token with arbitrary claims using a hub signing key file (tests of the token policy need tokens the
 * `token` command refuses to mint: no `exp`, a lifetime too long, a jurisdiction of the wrong level, extra scopes).
 * Run as its own process (jose is an ES module; the jest suites are CommonJS):
 *   node tests/helpers/sign-token.mjs <key file> '<claims as JSON>'
 * Claims `iat`/`exp` given as numbers are used as they are; `iss` and `aud` default to the hub's.
 */
import { readFileSync } from 'node:fs';
import { importJWK, SignJWT } from 'jose';

const [, , keyFile, claimsJson] = process.argv;
const key = JSON.parse(readFileSync(keyFile, 'utf8'));
const { iat, exp, ...claims } = JSON.parse(claimsJson);
let jwt = new SignJWT({ iss: 'child-welfare-hub', aud: 'child-welfare-hub', ...claims }).setProtectedHeader({
  alg: 'ES256',
  kid: key.kid,
  typ: 'JWT',
});
if (iat !== undefined) jwt = jwt.setIssuedAt(iat);
if (exp !== undefined) jwt = jwt.setExpirationTime(exp);
console.log(await jwt.sign(await importJWK(key.privateJwk, 'ES256')));
