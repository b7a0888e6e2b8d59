"use strict";
// The Agent console: filled in once a session exists.
SupportShieldConsole.start({
  allowedRoles: ["agent", "supervisor"],
  onSignedIn: () => {},
});
