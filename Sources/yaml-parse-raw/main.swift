import CLibYAML
import Foundation

// The benchmark's baseline: read a file and pull every libyaml event, doing nothing with them.
// Whole-process `plan validate` time is reported against this.
guard CommandLine.arguments.count == 2, let data = FileManager.default.contents(atPath: CommandLine.arguments[1])
else {
    FileHandle.standardError.write(Data("usage: yaml-parse-raw FILE\n".utf8))
    exit(2)
}
let bytes = [UInt8](data)
var parser = yaml_parser_t()
yaml_parser_initialize(&parser)
var events = 0
bytes.withUnsafeBufferPointer { buffer in
    yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
    while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) != 0 else {
            FileHandle.standardError.write(Data("parse error\n".utf8))
            exit(1)
        }
        let done = event.type == YAML_STREAM_END_EVENT
        yaml_event_delete(&event)
        events += 1
        if done { break }
    }
}
yaml_parser_delete(&parser)
print(events)
