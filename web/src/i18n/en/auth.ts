export const auth = {
  signInTitle: 'Sign in to Casedesk',
  tenant: 'Organisation',
  tenantHint: 'The short name of your organisation, for example demo',
  email: 'E-mail',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  wrongCredentials: 'The organisation, e-mail or password is not right.',
  locked: 'Too many attempts. Try again in {{minutes}} minutes.',
  sessionExpiredTitle: 'Your session has ended',
  sessionExpiredBody: 'Sign in again to carry on. Nothing you typed on this page is lost.',
  timeZoneSaved: 'Time zone saved',
};
