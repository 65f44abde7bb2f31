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

/// The command line resolved against the environment and the defaults, in that order, and
/// checked; a bad value is a usage error naming the option.
struct Settings {
    var services: [String]
    var host = ServiceHost.Configuration()
    var rules = AssessmentRules()
    var demoCity = false
    var demoCityScale = DemoCityScale.full
    var accountabilityRules = AccountabilityRules()

    init(_ command: ShuangjiangServer) throws {
        func value(_ flag: String?, _ variable: String) -> String? {
            flag ?? getenv(variable).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        host.server.host = value(command.host, "SJ_HOST") ?? "127.0.0.1"
        let portText = value(command.port.map(String.init), "SJ_PORT") ?? "50051"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ValidationError("--port needs 0-65535, not \(portText)")
        }
        host.server.port = port
        demoCity = command.demoCity || value(nil, "SJ_DEMO_CITY") == "1"
        let scale = value(command.demoCityScale, "SJ_DEMO_CITY_SCALE") ?? "full"
        guard let demoCityScale = DemoCityScale(rawValue: scale) else {
            throw ValidationError("--demo-city-scale: \"\(scale)\" is not full or small")
        }
        self.demoCityScale = demoCityScale
        let inMemory = command.inMemory || value(nil, "SJ_IN_MEMORY") == "1"
        host.storage = inMemory ? .inMemory : .directory(value(command.dataDirectory, "SJ_DATA_DIR") ?? "./data")

        let names = ShuangjiangServer.serviceNames
        if let list = value(command.services, "SJ_SERVICES") {
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

        if let text = value(command.intakeAddress, "SJ_INTAKE_ADDRESS") {
            guard let address = ServiceAddress(text) else {
                throw ValidationError("--intake-address: \"\(text)\" is not HOST:PORT (e.g. 127.0.0.1:50051)")
            }
            host.upstreamAddresses["intake"] = address
        }
        if let text = value(command.assessmentAddress, "SJ_ASSESSMENT_ADDRESS") {
            guard let address = ServiceAddress(text) else {
                throw ValidationError("--assessment-address: \"\(text)\" is not HOST:PORT (e.g. 127.0.0.1:50052)")
            }
            host.upstreamAddresses["assessment"] = address
        }
        if let path = value(command.config, "SJ_CONFIG") {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw ValidationError("--config: cannot read \(path)")
            }
            do {
                rules = try AssessmentRules(configuration: Array(bytes))
                accountabilityRules = try AccountabilityRules(configuration: Array(bytes))
            } catch {
                throw ValidationError("--config \(path): \(error)")
            }
        }

        let zone = value(command.timeZone, "SJ_TIME_ZONE") ?? "Asia/Shanghai"
        guard let timeZone = CityTimeZone(identifier: zone) else {
            throw ValidationError(
                "--time-zone: \"\(zone)\" is not a fixed-offset zone this build knows; use Asia/Shanghai or UTC+08:00")
        }
        host.timeZone = timeZone

        let format = value(command.logFormat, "SJ_LOG_FORMAT") ?? "json"
        guard let logFormat = LogFormat(rawValue: format) else {
            throw ValidationError("--log-format: \"\(format)\" is not json or text")
        }
        let level = value(command.logLevel, "SJ_LOG_LEVEL") ?? "info"
        guard let logLevel = Logger.Level(rawValue: level) else {
            throw ValidationError(
                "--log-level: \"\(level)\" is not one of trace, debug, info, notice, warning, error, critical")
        }
        host.log = LogOptions(
            format: logFormat, level: logLevel, accessLog: command.accessLog || value(nil, "SJ_ACCESS_LOG") == "1")
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
