#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The handful of libm functions the DSP needs, behind one name so that only this file imports the platform C library.
///
/// The standard library has no `sin`/`tan`/`exp`/`log` of its own and Core avoids Foundation; libm is part of the
/// platform, not a C target of ours, so this is the thinnest way to reach it. The functions are captured at file scope
/// because inside `PlatformMath` the bare names would refer to its own members.
enum PlatformMath {
    static func sin(_ x: Double) -> Double { libmSin(x) }
    static func cos(_ x: Double) -> Double { libmCos(x) }
    static func tan(_ x: Double) -> Double { libmTan(x) }
    static func exp(_ x: Double) -> Double { libmExp(x) }
    static func log(_ x: Double) -> Double { libmLog(x) }
    static func atan2(_ y: Double, _ x: Double) -> Double { libmAtan2(y, x) }
}

private let libmSin: @Sendable (Double) -> Double = { sin($0) }
private let libmCos: @Sendable (Double) -> Double = { cos($0) }
private let libmTan: @Sendable (Double) -> Double = { tan($0) }
private let libmExp: @Sendable (Double) -> Double = { exp($0) }
private let libmLog: @Sendable (Double) -> Double = { log($0) }
private let libmAtan2: @Sendable (Double, Double) -> Double = { atan2($0, $1) }
