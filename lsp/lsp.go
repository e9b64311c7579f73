// Package lsp implements 'fsmvet lsp', a Language Server Protocol server
// that shows fsmvet's findings in an editor, beside gopls (which cannot
// load third-party analyzers): on opening, changing and saving a Go file
// it analyses the file's package as 'fsmvet [flags] ./pkg' does, the
// editor's unsaved buffers included, and publishes the findings as
// diagnostics, their fixes as quick fixes, and with a profile, each
// finding's share of CPU on hover. docs/editors.md shows how to configure
// VS Code, Neovim and Helix.
//
// JSON-RPC and LSP's framing are go.lsp.dev/jsonrpc2's, a maintained
// library (v1, 2026) whose only dependency is encoding/json/v2's
// experiment. The dozen LSP messages the server uses are declared here
// (protocol.go): the protocol libraries on the module proxy are
// go.lsp.dev/protocol v0.12.0 (2022), which is written against
// jsonrpc2 v0.10's API (v1 removed it: the two do not build together) and
// brings zap and segmentio/encoding; and github.com/tliron/glsp v0.2.2
// (2024, LSP 3.16), which brings a logging framework, terminal, websocket
// and deadlock-detection modules, and serves only the process's own
// stdin and stdout (no in-memory pipe for tests).
package lsp

import (
	"context"
	"flag"
	"fmt"
	"io"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/cli"
)

// Usage is the subcommand's help.
const Usage = `Usage: fsmvet lsp

fsmvet lsp is a Language Server Protocol server on its standard input and
output, for an editor to run beside gopls. It analyses the package of each
Go file the editor opens, changes or saves, as 'fsmvet ./pkg' does (the
editor's unsaved buffers included), and shows the findings as diagnostics
(source "fsmvet", code: the analyzer), each fix as a quick fix, and with a
profile each finding's share of CPU on hover.

Its settings are the editor's initializationOptions: an object whose keys
are the flags of 'fsmvet' that decide what is found, as on the command line:
  {"profile": "/abs/cpu.pprof", "hot": "0.5%", "fsmswitch.blocked": true, "tags": "integration"}
(test, tags, profile, hot, an analyzer's name, NAME.flag: 'fsmvet help').

docs/editors.md has the configuration of VS Code, Neovim and Helix.
`

// Main runs 'fsmvet lsp' with args, serving the client on stdin and
// stdout, and returns the exit status: 0 after the client's shutdown and
// exit, 1 after an exit without a shutdown or when the client goes away,
// 2 for bad usage.
func Main(args []string, analyzers []*analysis.Analyzer, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fsmvet lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if exit, ok := cli.ParseFlags(fs, args, func() { fmt.Fprint(stderr, Usage) }, "fsmvet help lsp"); !ok {
		return exit
	}
	if fs.NArg() > 0 {
		return cli.BadUsage(stderr, "fsmvet lsp", "fsmvet help lsp", "no arguments: the settings are the editor's initializationOptions")
	}
	return Serve(context.Background(), stdio{stdin, stdout}, analyzers, stderr)
}

// stdio is the process's standard input and output as one stream. Closing
// it closes nothing: the process ends when the server does.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }
