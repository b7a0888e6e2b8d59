using SupportShield.Bot;

var app = SupportShieldHost.Build(args);
await app.RunAsync();
