package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/fsmvet/fsmvet/analyzer"
)

// A client drives a server through an in-memory pipe with the bytes an
// editor sends: LSP's Content-Length frames around JSON-RPC messages it
// writes and reads itself, with encoding/json, so that the test does not
// take the server's library's word for the protocol.
type client struct {
	t      *testing.T
	w      io.Writer
	msgs   chan message // every message the server sends, in order
	status chan int     // what Serve returns
	stderr *syncBuffer
	nextID int
	queue  []message // notifications read while waiting for a response
}

// A message is any JSON-RPC message from the server.
type message struct {
	ID     *int            `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// start starts a server on a pipe and returns a client of it.
func start(t *testing.T) *client {
	t.Helper()
	clientEnd, serverEnd := net.Pipe()
	c := &client{t: t, w: clientEnd, msgs: make(chan message, 1000), status: make(chan int, 1), stderr: new(syncBuffer)}
	go func() { c.status <- Serve(context.Background(), serverEnd, analyzer.Suite(), c.stderr) }()
	go c.read(clientEnd)
	t.Cleanup(func() {
		clientEnd.Close()
		serverEnd.Close()
	})
	return c
}

// read reads the server's frames until the pipe closes.
func (c *client) read(r io.Reader) {
	defer close(c.msgs)
	br := bufio.NewReader(r)
	for {
		header, err := textproto.NewReader(br).ReadMIMEHeader()
		if err != nil {
			return
		}
		n, err := strconv.Atoi(header.Get("Content-Length"))
		if err != nil {
			c.msgs <- message{Method: "bad frame: " + err.Error()}
			return
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(br, body); err != nil {
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			m.Method = fmt.Sprintf("bad message %q: %v", body, err)
		}
		c.msgs <- m
	}
}

// send writes one message.
func (c *client) send(m map[string]any) {
	c.t.Helper()
	m["jsonrpc"] = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatalf("writing %s: %v", body, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"method": method, "params": params})
}

// call sends a request and returns its response.
func (c *client) call(method string, params any) message {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.send(map[string]any{"id": id, "method": method, "params": params})
	for {
		m := c.next()
		if m.ID != nil && m.Method == "" {
			if *m.ID != id {
				c.t.Fatalf("response to request %d while waiting for %d", *m.ID, id)
			}
			return m
		}
		c.queue = append(c.queue, m)
	}
}

// result calls a method and decodes its result into v.
func (c *client) result(method string, params, v any) {
	c.t.Helper()
	m := c.call(method, params)
	if m.Error != nil {
		c.t.Fatalf("%s: error %d %s", method, m.Error.Code, m.Error.Message)
	}
	if err := json.Unmarshal(m.Result, v); err != nil {
		c.t.Fatalf("%s: result %s: %v", method, m.Result, err)
	}
}

// next returns the next message the server sent. A hang is a failure:
// the bound is far above an analysis's time.
func (c *client) next() message {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatalf("the server closed the connection; its stderr:\n%s", c.stderr)
		}
		return m
	case <-time.After(2 * time.Minute):
		c.t.Fatalf("no message from the server in 2 minutes; its stderr:\n%s", c.stderr)
	}
	return message{} // not reached: Fatalf ends the test
}

// diagnostics waits for the diagnostics published for a file, skipping
// those of older versions of its buffer; version 0 waits for diagnostics
// with no version (a file not open). Messages the server shows or logs
// fail the test unless allowed.
func (c *client) diagnostics(name string, version int32) []Diagnostic {
	c.t.Helper()
	for {
		var m message
		if len(c.queue) > 0 {
			m, c.queue = c.queue[0], c.queue[1:]
		} else {
			m = c.next()
		}
		switch m.Method {
		case "textDocument/publishDiagnostics":
			var p PublishDiagnosticsParams
			if err := json.Unmarshal(m.Params, &p); err != nil {
				c.t.Fatal(err)
			}
			got, err := fileName(p.URI)
			if err != nil {
				c.t.Fatal(err)
			}
			if got != name || p.Version == nil && version != 0 || p.Version != nil && *p.Version != version {
				continue
			}
			if p.Diagnostics == nil {
				c.t.Fatalf("diagnostics of %s: null, want an array", p.URI)
			}
			return p.Diagnostics
		default:
			c.t.Fatalf("unexpected message while waiting for the diagnostics of %s version %d: %s %s", name, version, m.Method, m.Params)
		}
	}
}

// initialize initializes the server with the settings given.
func (c *client) initialize(dir string, options any) InitializeResult {
	c.t.Helper()
	var res InitializeResult
	c.result("initialize", map[string]any{"processId": nil, "rootUri": fileURI(dir), "capabilities": map[string]any{}, "initializationOptions": options}, &res)
	c.notify("initialized", map[string]any{})
	return res
}

// open opens a file with its text on disk, as version 1.
func (c *client) open(name string) string {
	c.t.Helper()
	text, err := os.ReadFile(name)
	if err != nil {
		c.t.Fatal(err)
	}
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": fileURI(name), "languageId": "go", "version": 1, "text": string(text)}})
	return string(text)
}

// change sends a file's new whole text, not saved.
func (c *client) change(name string, version int32, text string) {
	c.t.Helper()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": fileURI(name), "version": version},
		"contentChanges": []any{map[string]any{"text": text}},
	})
}

// quit shuts the server down and checks it exits with status 0.
func (c *client) quit() {
	c.t.Helper()
	if m := c.call("shutdown", nil); m.Error != nil || string(m.Result) != "null" {
		c.t.Fatalf("shutdown: result %s, error %v", m.Result, m.Error)
	}
	c.notify("exit", nil)
	if status := <-c.status; status != 0 {
		c.t.Errorf("exit after shutdown: status %d, want 0; stderr:\n%s", status, c.stderr)
	}
}

// codeActions asks for the code actions of a range of a file.
func (c *client) codeActions(name string, r Range) []CodeAction {
	c.t.Helper()
	var actions []CodeAction
	c.result("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": fileURI(name)},
		"range":        r,
		"context":      map[string]any{"diagnostics": []any{}},
	}, &actions)
	return actions
}

// apply applies the edits of a workspace edit to one file's text, as an
// editor does: positions count UTF-16 units; the edits of one document
// apply to its text before any of them.
func apply(t *testing.T, text string, edits []TextEdit) string {
	t.Helper()
	lines := strings.SplitAfter(text, "\n")
	offset := func(p Position) int {
		if p.Line >= len(lines) {
			t.Fatalf("position %v past the text's %d lines", p, len(lines))
		}
		at := 0
		for _, l := range lines[:p.Line] {
			at += len(l)
		}
		units := 0
		for i, r := range lines[p.Line] {
			if units == p.Character {
				return at + i
			}
			units += len(utf16.Encode([]rune{r}))
		}
		if units != p.Character {
			t.Fatalf("position %v is not a character boundary of %q", p, lines[p.Line])
		}
		return at + len(lines[p.Line])
	}
	sorted := slices.Clone(edits)
	slices.SortFunc(sorted, func(a, b TextEdit) int { return offset(b.Range.Start) - offset(a.Range.Start) })
	for _, e := range sorted {
		text = text[:offset(e.Range.Start)] + e.NewText + text[offset(e.Range.End):]
	}
	return text
}

// copyFixture copies testdata/lsp, a module, to a temporary directory
// and returns the directory.
func copyFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "testdata", "lsp"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
