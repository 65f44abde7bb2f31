// The service kit; see Package.swift and docs/service-kit.md.
