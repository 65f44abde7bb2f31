import Accountability
import ArgumentParser
import Assessment
import Foundation
import GRPC
import Logging
import ServiceKit
import SharedDomain

#if canImport(Glibc)
    import Glibc
#endif

/// The command line resolved against the environment, the configuration file's `server` section
/// and the defaults, in that order, and checked; a bad value is a usage error naming the option.
struct Settings {
    var services: [String]
    var host = ServiceHost.Configuration()
    var demoCity = false
    var demoCityScale = DemoCityScale.full
    /// The configuration file and its rules, if one was named: reloaded on SIGHUP.
    var rules: RulesFile?
    /// Every setting as resolved, with where it came from, for the start-up line.
    var resolved: [(name: String, value: String, source: String)] = []

    init(_ command: ShuangjiangServer) throws {
        // The file is read first because its `server` section sits below flags and the environment.
        let environment = ProcessInfo.processInfo.environment.filter { !$0.value.isEmpty }
        if let path = command.config ?? environment["SJ_CONFIG"] {
            do {
                rules = try RulesFile(path: path)
            } catch {
                throw ValidationError("--config \(path): \(error)")
            }
        }
        let fromFile = rules?.file.serverSettings ?? [:]
        var resolved: [(name: String, value: String, source: String)] = []
        /// The file keys the options below read: what the `server` section may set.
        var fileKeys: [String] = []
        /// A flag, else its SJ_* variable, else the file's `server.<key>`, else the default.
        func value(_ flag: String?, _ option: String, default fallback: String? = nil) -> String? {
            let variable = "SJ_" + option.uppercased().replacingOccurrences(of: "-", with: "_")
            let key = option.replacingOccurrences(of: "-", with: "_")
            fileKeys.append(key)
            let found: (String, String)? =
                flag.map { ($0, "flag") } ?? environment[variable].map { ($0, "environment \(variable)") }
                ?? fromFile[key].map { ($0, "file") } ?? fallback.map { ($0, "default") }
            if let (text, source) = found { resolved.append(("--\(option)", text, source)) }
            return found?.0
        }
        func isOn(_ flag: Bool, _ option: String) -> Bool {
            value(flag ? "true" : nil, option, default: "false").map { ["1", "true", "yes"].contains($0) } ?? false
        }

        host.server.host = value(command.host, "host", default: "127.0.0.1")!
        let portText = value(command.port.map(String.init), "port", default: "50051")!
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ValidationError("--port needs 0-65535, not \(portText)")
        }
        host.server.port = port
        demoCity = isOn(command.demoCity, "demo-city")
        let scale = value(command.demoCityScale, "demo-city-scale", default: "full")!
        guard let demoCityScale = DemoCityScale(rawValue: scale) else {
            throw ValidationError("--demo-city-scale: \"\(scale)\" is not full or small")
        }
        self.demoCityScale = demoCityScale
        let inMemory = isOn(command.inMemory, "in-memory")
        let directory = value(command.dataDirectory, "data-dir", default: "./data")!
        host.storage = inMemory ? .inMemory : .directory(directory)

        let names = ShuangjiangServer.serviceNames
        if let list = value(command.services, "services", default: names.joined(separator: ",")) {
            services = list.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            guard !services.isEmpty else {
                throw ValidationError("--services needs at least one of \(names.joined(separator: ", "))")
            }
            for name in services where !names.contains(name) {
                throw ValidationError(
                    "--services: unknown service \"\(name)\"; this build has \(names.joined(separator: ", "))")
            }
        } else {
            services = names
        }

        for (upstream, example) in [("intake", "127.0.0.1:50051"), ("assessment", "127.0.0.1:50052")] {
            guard let text = value(command.upstreamAddress(upstream), "\(upstream)-address") else { continue }
            guard let address = ServiceAddress(text) else {
                throw ValidationError("--\(upstream)-address: \"\(text)\" is not HOST:PORT (e.g. \(example))")
            }
            host.upstreamAddresses[upstream] = address
        }

        let zone = value(command.timeZone, "time-zone", default: "Asia/Shanghai")!
        guard let timeZone = CityTimeZone(identifier: zone) else {
            throw ValidationError(
                "--time-zone: \"\(zone)\" is not a fixed-offset zone this build knows; use Asia/Shanghai or UTC+08:00")
        }
        host.timeZone = timeZone

        let format = value(command.logFormat, "log-format", default: "json")!
        guard let logFormat = LogFormat(rawValue: format) else {
            throw ValidationError("--log-format: \"\(format)\" is not json or text")
        }
        let level = value(command.logLevel, "log-level", default: "info")!
        guard let logLevel = Logger.Level(rawValue: level) else {
            throw ValidationError(
                "--log-level: \"\(level)\" is not one of trace, debug, info, notice, warning, error, critical")
        }
        host.log = LogOptions(format: logFormat, level: logLevel, accessLog: isOn(command.accessLog, "access-log"))
        // Checked once every option has been read, so the list of keys is the options themselves.
        for key in fromFile.keys.sorted() where !fileKeys.contains(key) {
            throw ValidationError(
                "--config: server.\(key) is not a setting; the server section takes \(fileKeys.joined(separator: ", "))"
            )
        }
        if let rules {
            resolved.append(("--config", rules.file.path, command.config != nil ? "flag" : "environment SJ_CONFIG"))
        }
        self.resolved = resolved
    }

    /// The resolved settings as log metadata: `value (source)`, secrets masked.
    var startupMetadata: Logger.Metadata {
        var metadata: Logger.Metadata = [:]
        for (name, value, source) in resolved {
            metadata[String(name.dropFirst(2))] = "\(Self.masked(name, value)) (\(source))"
        }
        return metadata
    }

    /// No option holds a secret today; one named like a secret is never printed, so adding one
    /// (a database password, a token) cannot leak it into the logs.
    static func masked(_ name: String, _ value: String) -> String {
        ["secret", "password", "token"].contains(where: name.contains) ? "***" : value
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
