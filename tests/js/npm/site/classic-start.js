startSignIn(OktaSignIn, {});
