/// Checks that a plan file is UTF-8 without NUL bytes before libyaml sees it, so the error names the exact
/// line and column rather than a byte offset.
enum EncodingCheck {
    struct Problem {
        var message: String
        var position: SourcePosition
    }

    static func firstProblem(in bytes: [UInt8]) -> Problem? {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return Problem(message: "the file is UTF-16; plans must be UTF-8", position: .start)
        }
        var index = 0
        let count = bytes.count
        while index < count {
            index = firstNonPlainASCII(in: bytes, from: index)
            guard index < count else { break }
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 {
                    return Problem(message: "the file contains a NUL byte", position: position(ofByte: index, in: bytes))
                }
                index += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(byte & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(byte & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(byte & 0x07)
            default: return invalid(byte, index, bytes)
            }
            guard index + length <= count else { return invalid(byte, index, bytes) }
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { return invalid(byte, index, bytes) }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                return invalid(byte, index, bytes)
            }
            index += length
        }
        return nil
    }

    /// The index of the first byte at or after `start` that is not ASCII or is NUL (or `bytes.count`),
    /// skipping eight bytes at a time: plan files are almost all ASCII.
    static func firstNonPlainASCII(in bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            let highBits: UInt64 = 0x8080_8080_8080_8080
            let ones: UInt64 = 0x0101_0101_0101_0101
            var index = start
            while index + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // No high bit set, and no zero byte (the classic "has a zero byte" test).
                if word & highBits != 0 || (word &- ones) & ~word & highBits != 0 { break }
                index += 8
            }
            while index < raw.count, raw[index] < 0x80, raw[index] != 0 { index += 1 }
            return index
        }
    }

    private static func invalid(_ byte: UInt8, _ index: Int, _ bytes: [UInt8]) -> Problem {
        let hex = String(byte, radix: 16, uppercase: true)
        return Problem(
            message: "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); plans must be UTF-8",
            position: position(ofByte: index, in: bytes))
    }

    /// The line and column (in Unicode scalars) of a byte offset.
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> SourcePosition {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourcePosition(line: line, column: column)
    }
}
