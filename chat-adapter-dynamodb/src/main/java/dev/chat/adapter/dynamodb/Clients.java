package dev.chat.adapter.dynamodb;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The SDK's client for the settings: the region's endpoint, or the one given, such as an emulator's. */
final class Clients {

    private Clients() {}

    static DynamoDbClient of(DynamoSettings settings) {
        var builder = DynamoDbClient.builder().region(Region.of(settings.region()))
                .httpClient(UrlConnectionHttpClient.create());
        settings.endpoint().ifPresentOrElse(endpoint -> builder.endpointOverride(endpoint)
                        .credentialsProvider(AwsCredentialsProviderChain.of(DefaultCredentialsProvider.builder().build(),
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))),
                () -> builder.credentialsProvider(DefaultCredentialsProvider.builder().build()));
        return builder.build();
    }
}
