// Compiled with `tsc --noEmit` against the installed package: its types describe Okta's API.
import {
  OktaSignIn,
  type EventContext,
  type OktaSignInOptions,
  type RenderResponse,
  type WidgetError,
} from 'authn-web';

const options: OktaSignInOptions = {
  baseUrl: 'https://example.okta.com',
  redirectUri: 'https://app.example.com/after',
  useClassicEngine: true,
  logo: '/logo.svg',
  logoText: 'Acme',
  brandName: 'Acme Corp',
  colors: { brand: '#1662dd' },
  colorScheme: 'dark',
  helpLinks: { help: '/help', custom: [{ text: 'FAQ', href: '/faq', target: '_blank' }] },
  features: { rememberMe: true, selfServiceUnlock: true, router: false },
  processCreds: (creds, callback) => {
    console.log(creds.username.length);
    callback();
  },
  transformUsername: (username, operation) => (operation === 'PRIMARY_AUTH' ? `${username}@example.com` : username),
  language: (supported, preferred) => supported[0] ?? preferred[0] ?? 'en',
  i18n: {
    en: { 'primaryauth.title': 'Sign in to Acme' },
    fr: { 'password.complexity.length.description': { one: 'Au moins {0} caractère', other: 'Au moins {0} caractères' } },
  },
  assets: { baseUrl: 'https://cdn.example.com/okta', rewrite: (path) => path.replace('.json', '.v2.json') },
  languagesUrl: '/assets/i18n/',
  wasmUrl: new URL('/assets/authn_web_bg.wasm', 'https://app.example.com'),
};

const signIn = new OktaSignIn(options);
signIn.on('ready', (context: EventContext) => console.log(context.controller));
signIn.on('afterError', (context: EventContext, error: WidgetError) => {
  const code: string | undefined = error.xhr?.responseJSON?.errorCode;
  const status: number | undefined = error.statusCode;
  console.log(context.controller, code, status, error.name);
});

const token: Promise<string | undefined> = signIn
  .renderEl({ el: '#sign-in' }, (res: RenderResponse) => {
    if (res.status === 'SUCCESS') {
      res.session?.setCookieAndRedirect();
      res.stepUp?.finish();
    } else {
      console.log(res.status, res.username);
    }
  }, (err: Error) => console.error(err.message))
  .then((res) => res.session?.token);
console.log(token);
signIn.hide();
signIn.show();
signIn.remove();

// @ts-expect-error baseUrl is a string
new OktaSignIn({ baseUrl: 42 });
// @ts-expect-error light, dark or auto
new OktaSignIn({ baseUrl: 'https://example.okta.com', colorScheme: 'sepia' });
// @ts-expect-error not one of the widget's events
signIn.on('afterSubmit', () => {});
// @ts-expect-error a plural override is an object of strings
new OktaSignIn({ baseUrl: 'https://example.okta.com', i18n: { en: { help: { other: 1 } } } });
