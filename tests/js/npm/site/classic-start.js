// `?brand` adds Okta's branding options (brand.test.mjs), and `&scheme=light|dark` the widget's colorScheme.
var query = new URLSearchParams(window.location.search);
startSignIn(OktaSignIn, query.has('brand') ? {
  logo: '/logo.svg',
  logoText: 'Acme',
  brandName: 'Acme Corp',
  colors: { brand: '#ffd700' },
  colorScheme: query.get('scheme') || undefined,
} : {});
