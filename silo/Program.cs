using Queue.Silo.Api;
using Queue.Silo.Halls;
using Queue.Silo.Hubs;
using Queue.Silo.Pages;

var builder = WebApplication.CreateBuilder(args);
builder.AddHalls();
builder.AddStorage();
builder.AddApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseBodyLimit();
app.UseStaticFiles();

app.MapOpenApi();
app.MapHalls();
app.MapTickets();
app.MapWindows();
app.MapManage();
app.MapHub<HallHub>("/hubs/hall");
app.MapPages();

app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
