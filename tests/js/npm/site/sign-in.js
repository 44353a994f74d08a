// A page's sign-in code as written for Okta's Sign-In Widget in classic mode (new OktaSignIn, on,
// renderEl with success and error callbacks), in a file because of the CSP. Each page hands it the
// OktaSignIn class it loaded; what happens is recorded on window for the test. Tests add options with
// `?options=<JSON>` in the page URL.
window.signInEvents = [];
window.definedBeforeLoad = typeof window.OktaSignIn === 'function';

window.startSignIn = function (OktaSignIn, extra) {
  var config = Object.assign({
    baseUrl: window.location.origin,
    redirectUri: window.location.origin + '/done.html',
    useClassicEngine: true,
    features: { rememberMe: false, selfServiceUnlock: true },
    helpLinks: { help: '/help.html' },
  }, extra, JSON.parse(new URLSearchParams(window.location.search).get('options') || '{}'));
  var signIn = new OktaSignIn(config);
  signIn.on('ready', function (context) {
    window.signInEvents.push('ready:' + context.controller);
  });
  signIn.on('afterRender', function (context) {
    window.signInEvents.push('afterRender:' + context.controller);
  });
  signIn.on('afterError', function (context, error) {
    window.signInEvents.push('afterError:' + context.controller);
    window.lastError = {
      name: error.name,
      message: error.message,
      statusCode: error.statusCode,
      errorCode: error.xhr && error.xhr.responseJSON && error.xhr.responseJSON.errorCode,
    };
  });
  signIn.renderEl({ el: '#okta-login-container' }, function success(res) {
    if (res.status === 'SUCCESS') {
      window.signedIn = {
        status: res.status,
        type: res.type,
        login: res.user && res.user.profile.login,
        hasToken: typeof (res.session && res.session.token) === 'string' && res.session.token.length > 0,
      };
      window.finishSignIn = function () {
        res.session.setCookieAndRedirect();
      };
    }
  }, function error(err) {
    window.fatalError = err.message;
  });
  window.signIn = signIn;
};
