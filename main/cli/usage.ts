// Every help text of the switchboard command, in one place.

import { EVENTS, EVENT_KINDS, type ParameterSpec } from '../core/protocol/index.ts';
import { MAX_LINE_LENGTH } from './lines.ts';

export const GENERAL_USAGE = `Usage: switchboard <command> [options]

The Expertflow Generic Connector (GC) protocol from the command line.

Commands:
  decode     Decode raw GC event bodies from stdin, one per line, into JSON lines.
  encode     Encode a GC command: print its JMSType and body, or why it is refused.
  sim        Run the simulated contact center as a GC on a real ActiveMQ.
  demo       Run the embedded demo gateway (broker and GC in one, on 127.0.0.1).
  session    Sign in as an agent and run desk actions, printing events and state as JSON lines.
  probe      Check the way to the broker and GC step by step (DNS, TCP, TLS, STOMP, Hello), with timings.
  passcode   Store (or forget) the broker passcode in the OS keychain, where the desk reads it.
  help       Show this help, or a command's: switchboard help <command>.

Run 'switchboard <command> --help' for a command's options.
Exit codes: 0 done, 1 refused or failed (see each command), 2 usage error.
`;

export const DECODE_USAGE = `Usage: switchboard decode [--strict] [--wire-names <file.json>] < events.txt

Reads raw event bodies (the text of messages on the client topic) from stdin, one per line, and
prints one JSON object per non-blank line on stdout: the typed event, or the codec's
{"kind":"unknown",...} or {"kind":"malformed","field":...,"reason":...} object with the raw text.
Line endings may be \\n or \\r\\n; blank lines are skipped. A line longer than ${MAX_LINE_LENGTH} characters
is reported as malformed (field "line") with its first 200 characters as "raw".

Options:
  --strict                  Exit 1 if any line was unknown or malformed (default: always exit 0).
  --wire-names <file.json>  Wire-name overrides, as in the settings:
                            { "commands": { "<Command>": "<wire>" }, "events": { "<Event>": "<wire>" } }
  -h, --help                Show this help and the event layouts.

Events (see PROTOCOL.md):
${eventLayouts()}
`;

export const ENCODE_USAGE = `Usage: switchboard encode [--json] [--wire-names <file.json>] <Command> <id> [params...]
       switchboard encode --list [--json] [--wire-names <file.json>]

Encodes one GC command. <Command> is a catalog name (MakeCall, case-insensitive) or a wire name
(SHCEDULECALLBACK, Conferencecall). <id> is what the JMSType carries after '#' (the agent's
login id for most commands; the client destination for Hello and Beat). The parameters follow
in catalog order; constant ones such as REJECT are filled in; booleans are true or false.
A parameter starting with '-' goes after '--': encode MakeNotReadyWithReason 1001 -- -1

Prints "type: <JMSType>" and "body: <body>" lines, or one JSON object with --json.
A command the codec refuses (a reserved character , # | or a line break, a missing or invalid
parameter) prints the error's code, field and message on stderr and exits 1.

Options:
  --list                    Print the command catalog: name, wire name, id, parameters, provenance.
  --json                    One JSON object (or, with --list, a JSON array) instead of text.
  --wire-names <file.json>  Wire-name overrides, as in the settings (see decode --help).
  -h, --help                Show this help.
`;

function eventLayouts(): string {
  return EVENT_KINDS.map((kind) => {
    const spec = EVENTS[kind];
    return `  ${spec.wire} (${spec.provenance})\n    ${spec.layout}`;
  }).join('\n');
}

/** A command's parameters as a usage line: `<dialogId> REJECT`, `[<sso>]`, `<callByCall:true|false>`. */
export function describeParameters(params: readonly ParameterSpec[]): string {
  if (params.length === 0) return '-';
  return params
    .map((param) => {
      if (param.kind === 'literal') return param.value;
      const placeholder = param.kind === 'boolean' ? `<${param.name}:true|false>` : `<${param.name}>`;
      return param.optional ? `[${placeholder}]` : placeholder;
    })
    .join(' ');
}
