// The options of `new OktaSignIn(options)`: the one place that knows their names and types.
//
// Used three ways, so it imports nothing and touches no browser global:
// - the Rust class imports it (wasm-bindgen snippet) and calls `checkOptions` in its constructor;
// - the ES module entry imports the same snippet file, so the facade checks options synchronously
//   at construction, before the wasm has loaded;
// - `okta-sign-in.global.js` inlines it (the xtask strips the `export` keywords).

// Option paths that work as in Okta's Sign-In Widget (classic engine), and their kinds.
const SUPPORTED = {
  baseUrl: 'string',
  el: 'element',
  username: 'string',
  stateToken: 'string',
  recoveryToken: 'string',
  activationToken: 'string',
  relayState: 'string',
  redirectUri: 'string',
  useClassicEngine: 'boolean',
  logo: 'url',
  logoText: 'string',
  brandName: 'string',
  'colors.brand': 'color',
  language: 'language',
  i18n: 'i18n',
  'assets.baseUrl': 'url',
  'assets.rewrite': 'function',
  processCreds: 'function',
  transformUsername: 'function',
  'helpLinks.help': 'url',
  'helpLinks.forgotPassword': 'url',
  'helpLinks.unlock': 'url',
  'helpLinks.custom': 'links',
  'features.rememberMe': 'boolean',
  'features.autoPush': 'boolean',
  'features.smsRecovery': 'boolean',
  'features.callRecovery': 'boolean',
  'features.emailRecovery': 'boolean',
  'features.selfServiceUnlock': 'boolean',
  'features.multiOptionalFactorEnroll': 'boolean',
  'features.showPasswordToggleOnSignInPage': 'boolean',
  'features.hideSignOutLinkInMFA': 'boolean',
  'features.hideBackToSignInForReset': 'boolean',
  'features.webauthn': 'boolean',
  // Ours (not Okta's).
  'features.warnBeforePasswordExpired': 'boolean',
  'features.snapshotStorage': 'boolean',
  colorScheme: 'scheme',
  wasmUrl: 'wasm',
  languagesUrl: 'wasm',
};

// Okta classic options that are accepted and type-checked but have no effect here (README lists why).
const NO_EFFECT = {
  'assets.languages': 'array',
  helpSupportNumber: 'string',
  signOutLink: 'string',
  backToSignInLink: 'string',
  defaultCountryCode: 'string',
  cspNonce: 'string',
  'features.router': 'boolean',
  'features.securityImage': 'boolean',
  'features.deviceFingerprinting': 'boolean',
  'features.useDeviceFingerprintForSecurityImage': 'boolean',
  'features.customExpiredPassword': 'boolean',
  'features.redirectByFormSubmit': 'boolean',
  'features.scrollOnError': 'boolean',
  'features.autoFocus': 'boolean',
  'features.trackTypingPattern': 'boolean',
  'features.showPasswordRequirementsAsHtmlList': 'boolean',
  'features.skipIdpFactorVerificationBtn': 'boolean',
  'features.mfaOnlyFlow': 'boolean',
  'features.disableAutocomplete': 'boolean',
};

// Options that only mean something in Okta's Identity Engine or OIDC flows: one console warning.
const ENGINE_ONLY = new Set([
  'authClient', 'authParams', 'authScheme', 'clientId', 'codeChallenge', 'codeChallengeMethod',
  'codeVerifier', 'consent', 'customButtons', 'display', 'flow', 'hcaptcha', 'hooks', 'idpDiscovery',
  'idpDisplay', 'idps', 'interactionHandle', 'issuer', 'nonce', 'oAuthTimeout', 'otp',
  'overrideExistingStateToken', 'piv', 'pkce', 'policyId', 'proxyIdxResponse', 'recaptcha', 'redirect',
  'registration', 'responseMode', 'responseType', 'scopes', 'state', 'useInteractionCodeFlow',
  'features.idpDiscovery', 'features.passwordlessAuth', 'features.registration',
  'features.sameDeviceOVEnrollmentEnabled', 'features.showIdentifier', 'features.showKeepMeSignedIn',
  'features.showSessionRevocation', 'helpLinks.factorPage', 'helpLinks.gracePeriodRequiredSoon',
]);

// Option objects whose keys are option paths themselves.
const GROUPS = new Set(['features', 'helpLinks', 'colors', 'assets']);

const WANTS = {
  string: 'a string',
  boolean: 'true or false',
  function: 'a function',
  array: 'an array',
  url: 'an http(s) URL or an absolute path',
  color: 'a colour like "#1662dd"',
  element: 'a CSS selector or an Element',
  language: 'a language code or a function returning one',
  i18n: 'an object of { language: { key: text or { one: text, other: text, ... } } }',
  links: 'an array of { text, href, target? }',
  wasm: 'a URL string or a URL object',
  scheme: '"auto", "light" or "dark"',
};

function typeName(value) {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Same rule as `safe_url` in authn-web/src/config.rs: http(s) or a same-origin absolute path.
function isSafeUrl(value) {
  return typeof value === 'string' && (/^\s*https?:\/\//i.test(value) || /^\s*\/(?!\/)/.test(value));
}

function fits(kind, value) {
  switch (kind) {
    case 'string':
    case 'boolean':
    case 'function':
      return typeof value === kind;
    case 'array':
      return Array.isArray(value);
    case 'url':
      return isSafeUrl(value);
    case 'color':
      return typeof value === 'string' && /^#[0-9A-Fa-f]{6}$/.test(value);
    case 'element':
      return typeof value === 'string' || (isPlainObject(value) && value.nodeType === 1);
    case 'language':
      return typeof value === 'string' || typeof value === 'function';
    case 'i18n':
      return isPlainObject(value) && Object.values(value).every(
        (texts) => isPlainObject(texts) && Object.values(texts).every((t) => typeof t === 'string'
          || (isPlainObject(t) && Object.values(t).every((form) => typeof form === 'string'))));
    case 'links':
      return Array.isArray(value) && value.every((link) => isPlainObject(link)
        && typeof link.text === 'string' && isSafeUrl(link.href)
        && (link.target === undefined || typeof link.target === 'string'));
    case 'wasm':
      return typeof value === 'string' || (typeof URL !== 'undefined' && value instanceof URL);
    case 'scheme':
      return value === 'auto' || value === 'light' || value === 'dark';
    default:
      return false;
  }
}

/** The error thrown for bad options: an `Error` named like Okta's `ConfigError`. */
function configError(message) {
  const error = new Error(`OktaSignIn: ${message}`);
  error.name = 'CONFIG_ERROR';
  return error;
}

function checkOne(path, value, ignored) {
  if (value === undefined || value === null) return;
  const kind = SUPPORTED[path] ?? NO_EFFECT[path];
  if (kind === undefined) {
    ignored.push(path);
    return;
  }
  if (!fits(kind, value)) {
    throw configError(`option "${path}" must be ${WANTS[kind]} (got ${typeName(value)})`);
  }
}

// One warning per options object, even when two copies of this file check it (the global script
// inlines one, the wasm glue imports another): the registry symbol is shared by both.
const WARNED = Symbol.for('authn-web.warned-options');

function warnOnce(options, ignored) {
  if (ignored.length === 0) return;
  const registry = (globalThis[WARNED] ??= new WeakSet());
  if (registry.has(options)) return;
  registry.add(options);
  const engine = ignored.filter((path) => ENGINE_ONLY.has(path));
  const unknown = ignored.filter((path) => !ENGINE_ONLY.has(path));
  const parts = [];
  if (engine.length) parts.push(`${engine.join(', ')} (Okta Identity Engine / OIDC only)`);
  if (unknown.length) parts.push(`${unknown.join(', ')} (unknown)`);
  console.warn(`OktaSignIn: these options are ignored: ${parts.join('; ')}`);
}

/**
 * Checks `options` like Okta's widget would: throws an `Error` (name `CONFIG_ERROR`) naming the first
 * option with a wrong type, warns once about options that are ignored, and returns their paths.
 */
export function checkOptions(options) {
  if (!isPlainObject(options)) {
    throw configError(`options must be an object (got ${typeName(options)})`);
  }
  const base = options.baseUrl;
  if (base === undefined || base === null || (typeof base === 'string' && base.trim() === '')) {
    throw configError('option "baseUrl" is required (your Okta org URL)');
  }
  const ignored = [];
  for (const [key, value] of Object.entries(options)) {
    if (GROUPS.has(key) && value !== undefined && value !== null) {
      if (!isPlainObject(value)) {
        throw configError(`option "${key}" must be an object (got ${typeName(value)})`);
      }
      for (const [inner, innerValue] of Object.entries(value)) {
        const path = `${key}.${inner}`;
        if (ENGINE_ONLY.has(path)) ignored.push(path);
        else checkOne(path, innerValue, ignored);
      }
    } else if (ENGINE_ONLY.has(key)) {
      if (value !== undefined && value !== null) ignored.push(key);
    } else {
      checkOne(key, value, ignored);
    }
  }
  warnOnce(options, ignored);
  return ignored;
}
