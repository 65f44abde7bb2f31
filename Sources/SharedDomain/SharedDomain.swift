// The shared domain vocabulary; see Package.swift.
