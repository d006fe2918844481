using Queue.Silo.Api;
using Queue.Silo.Grains;
using Queue.Silo.Hubs;
using Queue.Silo.Pages;
using Queue.Silo.Printing;
using Queue.Silo.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddHalls();
builder.AddStorage();
builder.AddApi();
builder.AddCrossSite();
builder.AddRateLimits();
builder.Services.AddHallHub(builder.Configuration.GetSection("Cluster").Get<ClusterSettings>());
builder.AddPrinting();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSameOriginWrites();
app.UseBodyLimit();
app.UseRateLimiter();
app.UseStaticFiles();

app.MapOpenApi();
app.MapHalls();
var hall = app.MapHall();
hall.MapTickets();
hall.MapWindows();
hall.MapManage();
hall.MapPrinting();
app.MapHallHub();
app.MapPages();

app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
