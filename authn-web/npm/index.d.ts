// Types of the `authn-web` npm package: Okta's Sign-In Widget API (classic engine) as authn-web
// implements it. Hand-written (the wasm-bindgen glue's own types describe the internal class).

/** Okta's `helpLinks.custom` entry. */
export interface CustomHelpLink {
  text: string;
  /** An http(s) URL or an absolute path. */
  href: string;
  target?: string;
}

/** Okta's `features.*` (classic). Unset ones take Okta's defaults. */
export interface Features {
  /** Default true. */
  rememberMe?: boolean;
  /** "Send push automatically" on Okta Verify push; the server remembers the choice. */
  autoPush?: boolean;
  smsRecovery?: boolean;
  callRecovery?: boolean;
  /** Default true. */
  emailRecovery?: boolean;
  selfServiceUnlock?: boolean;
  multiOptionalFactorEnroll?: boolean;
  /** Show / hide toggle on the sign-in page's password (default false, as Okta). */
  showPasswordToggleOnSignInPage?: boolean;
  /** No "back to sign in" on the MFA verify and enrollment views. */
  hideSignOutLinkInMFA?: boolean;
  /** No "back to sign in" on the password-reset flow. */
  hideBackToSignInForReset?: boolean;
  /**
   * Security keys and passkeys through `navigator.credentials` (default false, as Okta's widget).
   * Off, WebAuthn factors say they cannot be used here; on, a browser without WebAuthn is not offered them.
   */
  webauthn?: boolean;
  /** Accepted, no effect: this widget does not change the page URL. */
  router?: boolean;
  /** Ours: show the password-expiry warning (default true). */
  warnBeforePasswordExpired?: boolean;
  /** Ours: keep the transaction in sessionStorage so a reload resumes it (default true). */
  snapshotStorage?: boolean;
  /** Other Okta features are accepted (see the README for their effect). */
  [feature: string]: boolean | undefined;
}

/** The `colorScheme` option: `auto` follows `prefers-color-scheme`. */
export type ColorScheme = 'auto' | 'light' | 'dark';

/**
 * A plural text of `i18n`: one form per CLDR plural category of the language (`Intl.PluralRules`); `other` is
 * required and serves the categories left out. `{0}` is the count, written by `Intl.NumberFormat`.
 */
export interface PluralText {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** The credentials given to `processCreds`. */
export interface Credentials {
  username: string;
  password: string;
}

/** The second argument of `transformUsername`. */
export type UsernameOperation = 'PRIMARY_AUTH' | 'FORGOT_PASSWORD' | 'UNLOCK_ACCOUNT';

/** The options of `new OktaSignIn(options)`. */
export interface OktaSignInOptions {
  /** Your Okta org URL (required). */
  baseUrl: string;
  /** Where `renderEl` renders when it names no element: a CSS selector or an element. */
  el?: string | Element;
  username?: string;
  stateToken?: string;
  recoveryToken?: string;
  /** Ours: start with a user's activation token. */
  activationToken?: string;
  relayState?: string;
  /** Used by `res.session.setCookieAndRedirect()` when called without an argument. */
  redirectUri?: string;
  /** Accepted: this widget only speaks the classic Authentication API. */
  useClassicEngine?: boolean;
  /** The organisation's logo above the form: an http(s) URL or an absolute path. */
  logo?: string;
  /** The logo's alternative text (default: `brandName`, else "Logo"). */
  logoText?: string;
  /** The organisation's name, in the texts that name it ("Reset your Acme password"). */
  brandName?: string;
  /** `brand`: `#rrggbb`, primary buttons and links; their text colour keeps WCAG AA contrast. */
  colors?: { brand?: string };
  /** Ours: light, dark, or the browser's preference (`prefers-color-scheme`, the default). */
  colorScheme?: ColorScheme;
  /**
   * A language tag (`'fr'`, `'pt-BR'`, ...), or a function of (supported languages, the browser's languages)
   * returning one. Default: the first of the browser's languages the widget has texts for, else English.
   */
  language?: string | ((supported: string[], userLanguages: readonly string[]) => string);
  /**
   * Text overrides by language, over every other text: `{ en: { 'primaryauth.title': 'Sign in to Acme' } }`.
   * Keys are the message ids of `i18n/en.json` (Okta's ids where the message means the same); a plural
   * message takes one string (every count) or a `PluralText`. Unknown keys are named in one console warning.
   */
  i18n?: Record<string, Record<string, string | PluralText>>;
  /** Okta's assets: with `baseUrl`, Okta label files `{baseUrl}/labels/json/login_{lang}.json` override texts. */
  assets?: {
    baseUrl?: string;
    /** Rewrites the label file's path (`/labels/json/login_fr.json`), e.g. for cache busting. */
    rewrite?: (path: string) => string;
    /** Accepted, no effect. */
    languages?: string[];
  };
  /** Ours: the folder of the language files (`fr.json`, ...). Default: `i18n/` next to the wasm. */
  languagesUrl?: string | URL;
  helpLinks?: {
    help?: string;
    forgotPassword?: string;
    unlock?: string;
    custom?: CustomHelpLink[];
  };
  features?: Features;
  /**
   * Okta's hook before credentials are sent (primary auth: the typed username and password; a new
   * password: the user's login and the new password): synchronous, or calling `callback` when done.
   * The widget stays busy until then; a hook that throws shows an error and nothing is sent.
   */
  processCreds?: ((creds: Credentials) => void) | ((creds: Credentials, callback: () => void) => void);
  /** Rewrites the username sent; when it throws or returns no string, the typed one is sent. */
  transformUsername?: (username: string, operation: UsernameOperation) => string;
  /** Ours: where authn_web_bg.wasm is served. Default: next to the script that loaded the widget. */
  wasmUrl?: string | URL;
  /** Accepted (Okta classic options without effect here, or Identity Engine / OIDC options: warned). */
  [option: string]: unknown;
}

/** `renderEl`'s first argument. */
export interface RenderOptions {
  el?: string | Element;
}

/** `_embedded.user` of the SUCCESS response. */
export interface User {
  id?: string;
  profile: {
    login?: string;
    firstName?: string;
    lastName?: string;
    locale?: string;
    timeZone?: string;
  };
}

/** Okta's `SUCCESS` data. */
export interface SuccessResponse {
  status: 'SUCCESS';
  type: 'SESSION_SSO' | 'SESSION_STEP_UP' | string;
  user?: User;
  relayState?: string;
  /** Present with a session token (not for a step-up). */
  session?: {
    token: string;
    /** Sends the browser to `{baseUrl}/login/sessionCookieRedirect`; throws without a redirect URI. */
    setCookieAndRedirect(redirectUri?: string): void;
  };
  /** Follows the transaction's `next` link (when it has one). */
  next?: () => void;
  /** Step-up: the app to return to. */
  stepUp?: { url: string; finish(): void };
}

/** Okta's success data after a recovery email went out. */
export interface EmailSentResponse {
  status: 'FORGOT_PASSWORD_EMAIL_SENT' | 'UNLOCK_ACCOUNT_EMAIL_SENT';
  username?: string;
}

export type RenderResponse = SuccessResponse | EmailSentResponse;

/** The first argument of `ready`, `afterRender` and `afterError`: Okta's controller name. */
export interface EventContext {
  controller: string;
}

/** The `afterError` error (okta-auth-js `AuthApiError` for server errors). */
export interface WidgetError {
  name: 'AuthApiError' | 'AuthSdkError' | string;
  message: string;
  statusCode?: number;
  xhr?: {
    status: number;
    responseText: string;
    /** The server's error body. */
    responseJSON?: {
      errorCode?: string;
      errorSummary?: string;
      errorLink?: string;
      errorId?: string;
      errorCauses?: { errorSummary: string }[];
    };
  };
  errorCode?: string;
  errorSummary?: string;
  errorCauses?: { errorSummary: string }[];
}

export interface EventHandlers {
  ready: (context: EventContext) => void;
  afterRender: (context: EventContext) => void;
  afterError: (context: EventContext, error: WidgetError) => void;
  /** Ours: the same data as the success callback gets for `SUCCESS`. */
  success: (res: SuccessResponse) => void;
}

/** The sign-in widget (Okta's `OktaSignIn`, classic engine). */
export declare class OktaSignIn {
  /** Throws an `Error` (name `CONFIG_ERROR`) naming an option with a wrong type. */
  constructor(options: OktaSignInOptions);
  readonly options: OktaSignInOptions;
  on<E extends keyof EventHandlers>(event: E, handler: EventHandlers[E]): void;
  off<E extends keyof EventHandlers>(event?: E, handler?: EventHandlers[E]): void;
  renderEl(
    renderOptions?: RenderOptions | Element,
    success?: (res: RenderResponse) => void,
    error?: (err: Error) => void,
  ): Promise<SuccessResponse>;
  hide(): void;
  show(): void;
  remove(): void;
}

export default OktaSignIn;
