using Queue.Silo.Access;
using Queue.Silo.Api;
using Queue.Silo.Bookings;
using Queue.Silo.Grains;
using Queue.Silo.Hosting;
using Queue.Silo.Hubs;
using Queue.Silo.Metrics;
using Queue.Silo.Pages;
using Queue.Silo.Printing;
using Queue.Silo.Privacy;
using Queue.Silo.Stats;
using Queue.Silo.Reports;
using Queue.Silo.Ratings;
using Queue.Silo.Storage;

// `backup FILE` / `restore FILE` read the service's settings and exit; anything else starts the silo.
var command = StoreCommand.Parse(args);
// Pages, scripts and halls come from the application's folder, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = command?.Settings ?? args, ContentRootPath = AppFolders.ContentRoot() });
if (command is not null) return command.Run(builder.Configuration);
builder.AddHalls();
builder.AddStorage();
builder.AddApi();
builder.AddCrossSite();
builder.AddRateLimits();
var cluster = builder.Configuration.GetSection("Cluster").Get<ClusterSettings>();
builder.AddAccess(cluster);
builder.AddPrivacy();
builder.Services.AddHallHub(cluster);
builder.AddPrinting();
builder.AddOperatorMetrics();
builder.AddStats();
builder.AddReports();
builder.AddRatings();
builder.AddBookings();

var app = builder.Build();
app.UseTrustedProxies();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages(StatusPages.Write);
app.UseSameOriginWrites();
app.UseBodyLimit();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();   // after authentication: a device is limited as itself, not as its address
app.UseOutputCache();

// The one document there is: another name would get the OpenAPI package's plain-text 404 instead of our problem+json.
app.MapOpenApi("/openapi/{documentName:regex(^v1$)}.json").AllowAnonymous().CacheOutput(OpenApiCache.Name);
app.MapAuth();
app.MapUsers();
app.MapHalls();
var hall = app.MapHall();
hall.MapTickets();
hall.MapWindows();
hall.MapManage();
hall.MapRatings();
hall.MapAppointments();
hall.MapPrinting();
hall.MapDevices();
hall.MapStats();
hall.MapReports();
app.MapRollUpReports();
hall.MapRatingCases();
app.MapHallHub();
app.MapPages();
app.MapVoiceClips();
app.MapOperatorMetrics();

app.Run();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
