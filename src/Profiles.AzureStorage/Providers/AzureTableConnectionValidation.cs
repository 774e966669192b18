using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Orleans.Runtime;

namespace Profiles.AzureStorage.Providers;

/// <summary>Checks shared by the option validators; each message names the setting to fix.</summary>
internal static partial class AzureTableConnectionValidation
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();

    public static void Validate(AzureTableConnectionOptions options, string subject)
    {
        var optionsName = options.GetType().Name;
        if (options.TableServiceClientFactory is null)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new OrleansConfigurationException(
                    $"Invalid configuration for {subject}: {optionsName}.{nameof(options.ConnectionString)} is required " +
                    $"(or set {optionsName}.{nameof(options.TableServiceClientFactory)}).");
            }

            try
            {
                _ = new TableServiceClient(options.ConnectionString);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
            {
                // The exception text may echo the secret, so only its type is reported.
                throw new OrleansConfigurationException(
                    $"Invalid configuration for {subject}: {optionsName}.{nameof(options.ConnectionString)} is not a valid " +
                    $"Azure Storage connection string ({exception.GetType().Name}).");
            }
        }

        if (options.NetworkTimeout <= TimeSpan.Zero || options.NetworkTimeout > TimeSpan.FromMinutes(5))
        {
            throw new OrleansConfigurationException(
                $"Invalid configuration for {subject}: {optionsName}.{nameof(options.NetworkTimeout)} must be more than zero and at most 5 minutes, not {options.NetworkTimeout}.");
        }

        if (options.MaxRetries is < 0 or > 20)
        {
            throw new OrleansConfigurationException(
                $"Invalid configuration for {subject}: {optionsName}.{nameof(options.MaxRetries)} must be 0 to 20, not {options.MaxRetries}.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.MaxRetryDelay < options.RetryDelay)
        {
            throw new OrleansConfigurationException(
                $"Invalid configuration for {subject}: {optionsName}.{nameof(options.RetryDelay)} ({options.RetryDelay}) must be zero or more " +
                $"and at most {nameof(options.MaxRetryDelay)} ({options.MaxRetryDelay}).");
        }

        if (string.IsNullOrWhiteSpace(options.TableName) || !TableNamePattern().IsMatch(options.TableName))
        {
            throw new OrleansConfigurationException(
                $"Invalid configuration for {subject}: {optionsName}.{nameof(options.TableName)} '{options.TableName}' is not a valid " +
                "Azure table name (3-63 letters or digits, starting with a letter).");
        }
    }
}
