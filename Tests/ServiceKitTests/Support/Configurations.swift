import GRPC
import ServiceKit

extension Channel.Configuration {
    /// Reconnects within milliseconds, so a restarted upstream is found again at once.
    static var quickReconnect: Channel.Configuration {
        var configuration = Channel.Configuration()
        configuration.connectTimeout = .seconds(1)
        configuration.initialBackoff = .milliseconds(20)
        configuration.maxBackoff = .milliseconds(200)
        return configuration
    }
}

extension FeedFollowerConfiguration {
    /// Short waits everywhere, so the tests take seconds.
    static var quick: FeedFollowerConfiguration {
        var configuration = FeedFollowerConfiguration()
        configuration.initialBackoff = .milliseconds(20)
        configuration.maxBackoff = .milliseconds(200)
        configuration.headRefreshInterval = .milliseconds(100)
        configuration.headTimeout = .seconds(2)
        return configuration
    }
}
