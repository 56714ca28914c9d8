using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Delivery;

public static class DeliveryExtensions
{
    /// <summary>
    /// Registers mail building and the transport: SMTP when <c>Smtp:Host</c> is set, else .eml files in
    /// <paramref name="mailFolder"/>.
    /// </summary>
    public static IHostApplicationBuilder AddDelivery(this IHostApplicationBuilder builder, string mailFolder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        builder.Services.AddSingleton<MailMessageBuilder>();
        builder.Services.AddSingleton<IMailTransport>(sp =>
        {
            var smtp = sp.GetRequiredService<IOptions<SmtpOptions>>().Value;
            return smtp.IsFileDrop
                ? new FileDropMailTransport(mailFolder)
                : new SmtpMailTransport(sp.GetRequiredService<IOptions<SmtpOptions>>(), sp.GetRequiredService<ILogger<SmtpMailTransport>>());
        });
        return builder;
    }
}
