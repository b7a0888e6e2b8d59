"use strict";
// The Ops console: filled in once a session exists.
SupportShieldConsole.start({
  allowedRoles: ["ops"],
  onSignedIn: () => {},
});
