using PrivateDomainGrains.Host;

var app = PlatformApp.Create(args);
app.Run();
