// Okta's branding options; `?scheme=light|dark` forces a colour scheme (the widget's `colorScheme`).
var scheme = new URLSearchParams(window.location.search).get('scheme');
startSignIn(OktaSignIn, {
  logo: '/logo.svg',
  logoText: 'Acme',
  brandName: 'Acme Corp',
  colors: { brand: '#ffd700' },
  colorScheme: scheme || undefined,
});
