package lsp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/lint"
	"github.com/fsmvet/fsmvet/passes/hotspot"
)

// Serve answers a client on rwc until it sends exit, or the stream ends,
// and returns the exit status LSP asks for: 0 after shutdown and exit, 1
// otherwise. It does not close rwc.
//
// The client's messages are handled in order, as they arrive; the
// analyses run on one worker of their own, so that a long one never holds
// up the editor's messages, and a burst of changes is analysed once.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, analyzers []*analysis.Analyzer, stderr io.Writer) int {
	conn := jsonrpc2.NewConn(jsonrpc2.NewHeaderStream(rwc))
	s := newServer(conn, analyzers, stderr)
	go s.work()
	conn.Go(ctx, s.handle)
	status := 1
	select {
	case status = <-s.exit:
	case <-conn.Done():
		if err := conn.Err(); err != nil {
			fmt.Fprintf(stderr, "fsmvet lsp: %v\n", err)
		} else {
			fmt.Fprintln(stderr, "fsmvet lsp: the client closed the connection without an exit")
		}
	}
	s.stopWork()
	return status
}

// A server is one client's session.
type server struct {
	conn      jsonrpc2.Conn
	analyzers []*analysis.Analyzer // the suite: its URLs name the diagnostics' codes
	stderr    io.Writer
	exit      chan int // the exit status, on the client's exit

	mu       sync.Mutex
	state    state
	cfg      lint.Config
	selected []*analysis.Analyzer // the analyzers the settings select
	profile  string               // the -profile setting; "" for none (no hover)
	docs     map[string]*document // the open Go files, by file name
	dirs     map[string]*dirResult
	pending  []string // directories to analyse, first asked first
	running  string   // the directory being analysed; "" when none is

	wake     chan struct{} // (buffered) there are directories to analyse
	idle     chan struct{} // closed, and replaced, when an analysis ends
	stop     chan struct{} // closed to end the worker
	stopOnce sync.Once
	stopped  chan struct{} // closed when the worker has ended
}

type state int

const (
	uninitialized state = iota
	running
	shutDown
)

// A document is an open file as the editor holds it.
type document struct {
	uri     string
	version int32
	text    []byte
}

func newServer(conn jsonrpc2.Conn, analyzers []*analysis.Analyzer, stderr io.Writer) *server {
	return &server{
		conn:      conn,
		analyzers: analyzers,
		stderr:    stderr,
		exit:      make(chan int, 1),
		docs:      make(map[string]*document),
		dirs:      make(map[string]*dirResult),
		wake:      make(chan struct{}, 1),
		idle:      make(chan struct{}),
		stop:      make(chan struct{}),
		stopped:   make(chan struct{}),
	}
}

// handle answers one message. A notification's error would end the
// connection (jsonrpc2's rule), so a notification that cannot be handled
// is shown to the user instead.
func (s *server) handle(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	method, params := req.Method(), req.Params()
	if err := s.admits(method); err != nil {
		if req.IsCall() {
			return nil, err
		}
		return nil, nil // LSP: drop notifications until initialized, and after shutdown
	}
	var result any
	var err error
	switch method {
	case "initialize":
		result, err = s.initialize(params)
	case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
	case "shutdown":
		s.shutdown()
	case "exit":
		select {
		case s.exit <- s.exitStatus():
		default: // a second exit: Serve is already returning
		}
	case "textDocument/didOpen":
		err = s.didOpen(params)
	case "textDocument/didChange":
		err = s.didChange(params)
	case "textDocument/didSave":
		err = s.didSave(params)
	case "textDocument/didClose":
		err = s.didClose(params)
	case "textDocument/codeAction":
		jsonrpc2.Async(ctx) // it may wait for an analysis: let later messages in
		result, err = s.codeAction(ctx, params)
	case "textDocument/hover":
		jsonrpc2.Async(ctx)
		result, err = s.hover(ctx, params)
	default:
		if req.IsCall() {
			err = jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "fsmvet lsp has no method %s", method)
		}
	}
	if err != nil && !req.IsCall() {
		s.show(messageError, fmt.Sprintf("fsmvet: %s: %v", method, err))
		return nil, nil
	}
	return result, err
}

// admits returns the error LSP prescribes for a message in the server's
// state: before initialize, only initialize and exit; after shutdown,
// only exit.
func (s *server) admits(method string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case method == "exit":
		return nil
	case s.state == uninitialized && method != "initialize":
		return jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "fsmvet lsp: not initialized")
	case s.state != uninitialized && method == "initialize":
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "fsmvet lsp: initialized twice")
	case s.state == shutDown:
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "fsmvet lsp: shut down")
	}
	return nil
}

// initialize reads the settings (initializationOptions) as the flags of
// 'fsmvet' and says what the server offers: hover only with a profile,
// for a hover with nothing to say would hide gopls's in some editors.
func (s *server) initialize(params jsonrpc2.RawMessage) (any, error) {
	var p InitializeParams
	if err := unmarshal(params, &p); err != nil {
		return nil, err
	}
	settings, err := settingsOf(p.InitializationOptions)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "fsmvet lsp: initializationOptions: %v", err)
	}
	cfg, selected, err := lint.Settings(settings, s.analyzers)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "fsmvet lsp: initializationOptions: %v", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg, s.selected, s.state = cfg, selected, running
	s.profile = hotspot.Analyzer.Flags.Lookup("profile").Value.String()
	return InitializeResult{
		Capabilities: ServerCapabilities{
			TextDocumentSync:   TextDocumentSyncOptions{OpenClose: true, Change: syncFull, Save: SaveOptions{}},
			CodeActionProvider: CodeActionOptions{CodeActionKinds: []string{quickFix}},
			HoverProvider:      s.profile != "",
		},
		ServerInfo: ServerInfo{Name: "fsmvet"},
	}, nil
}

// settingsOf returns initializationOptions as flag values: an object whose
// values are strings, booleans or numbers. Neovim sends an empty Lua table
// as [].
func settingsOf(options any) (map[string]string, error) {
	switch o := options.(type) {
	case nil:
		return nil, nil
	case []any:
		if len(o) == 0 {
			return nil, nil
		}
	case map[string]any:
		settings := make(map[string]string, len(o))
		for name, v := range o {
			switch v := v.(type) {
			case string:
				settings[name] = v
			case bool:
				settings[name] = strconv.FormatBool(v)
			case float64:
				settings[name] = strconv.FormatFloat(v, 'g', -1, 64)
			default:
				return nil, fmt.Errorf("%s: %v is not a string, a boolean or a number", name, v)
			}
		}
		return settings, nil
	}
	return nil, fmt.Errorf("%v is not an object", options)
}

// shutdown ends the analyses: the one running finishes, and publishes.
func (s *server) shutdown() {
	s.mu.Lock()
	s.state = shutDown
	s.mu.Unlock()
	s.stopWork()
}

func (s *server) exitStatus() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == shutDown {
		return 0
	}
	return 1
}

func (s *server) didOpen(params jsonrpc2.RawMessage) error {
	var p DidOpenTextDocumentParams
	if err := unmarshal(params, &p); err != nil {
		return err
	}
	name, ok, err := goFile(p.TextDocument.URI)
	if !ok {
		return err
	}
	s.mu.Lock()
	s.docs[name] = &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	s.mu.Unlock()
	s.schedule(filepath.Dir(name))
	return nil
}

func (s *server) didChange(params jsonrpc2.RawMessage) error {
	var p DidChangeTextDocumentParams
	if err := unmarshal(params, &p); err != nil {
		return err
	}
	name, ok, err := goFile(p.TextDocument.URI)
	if !ok {
		return err
	}
	s.mu.Lock()
	doc := s.docs[name]
	if doc == nil {
		s.mu.Unlock()
		return fmt.Errorf("%s changed but is not open", p.TextDocument.URI)
	}
	for _, c := range p.ContentChanges {
		if c.Range != nil {
			s.mu.Unlock()
			return fmt.Errorf("a change of a range of %s: fsmvet lsp asked for whole texts (TextDocumentSyncKind.Full)", p.TextDocument.URI)
		}
		doc.text = []byte(c.Text)
	}
	doc.version = p.TextDocument.Version
	s.mu.Unlock()
	s.schedule(filepath.Dir(name))
	return nil
}

func (s *server) didSave(params jsonrpc2.RawMessage) error {
	var p DidSaveTextDocumentParams
	if err := unmarshal(params, &p); err != nil {
		return err
	}
	name, ok, err := goFile(p.TextDocument.URI)
	if ok {
		s.schedule(filepath.Dir(name))
	}
	return err
}

// didClose forgets a file's buffer; if it was not saved, the file on disk
// is now the one to analyse.
func (s *server) didClose(params jsonrpc2.RawMessage) error {
	var p DidCloseTextDocumentParams
	if err := unmarshal(params, &p); err != nil {
		return err
	}
	name, ok, err := goFile(p.TextDocument.URI)
	if !ok {
		return err
	}
	s.mu.Lock()
	doc := s.docs[name]
	delete(s.docs, name)
	s.mu.Unlock()
	if doc == nil {
		return nil
	}
	if onDisk, err := os.ReadFile(name); err != nil || !bytes.Equal(onDisk, doc.text) {
		s.schedule(filepath.Dir(name))
	}
	return nil
}

// goFile returns the file name of a document's URI, and whether it is a
// Go file the server analyses: an editor may send it others (go.mod, a
// new buffer with no file), which it ignores.
func goFile(uri string) (string, bool, error) {
	name, err := fileName(uri)
	if err != nil || filepath.Ext(name) != ".go" {
		return "", false, nil
	}
	return name, true, nil
}

// codeAction returns the quick fixes of the findings in a range of a
// document, once the analysis of its latest text has ended.
func (s *server) codeAction(ctx context.Context, params jsonrpc2.RawMessage) (any, error) {
	var p CodeActionParams
	if err := unmarshal(params, &p); err != nil {
		return nil, err
	}
	actions := []CodeAction{}
	if len(p.Context.Only) > 0 && !slices.Contains(p.Context.Only, quickFix) {
		return actions, nil
	}
	file, err := s.result(ctx, p.TextDocument.URI)
	if err != nil || file == nil {
		return actions, err
	}
	for _, it := range file.items {
		if overlaps(it.diag.Range, p.Range) {
			actions = append(actions, it.actions...)
		}
	}
	return actions, nil
}

// hover returns the share of CPU of the findings at a position, with a
// profile; null where there is none.
func (s *server) hover(ctx context.Context, params jsonrpc2.RawMessage) (any, error) {
	var p HoverParams
	if err := unmarshal(params, &p); err != nil {
		return nil, err
	}
	file, err := s.result(ctx, p.TextDocument.URI)
	if err != nil || file == nil {
		return nil, err
	}
	var h *Hover
	for _, it := range file.items {
		if it.share == "" || !overlaps(it.diag.Range, Range{p.Position, p.Position}) {
			continue
		}
		if h == nil {
			h = &Hover{Contents: MarkupContent{Kind: "plaintext"}, Range: it.diag.Range}
		} else {
			h.Contents.Value += "\n"
		}
		h.Contents.Value += fmt.Sprintf("fsmvet %s: %s (profile %s)", it.diag.Code, it.share, s.profile)
	}
	if h == nil {
		return nil, nil
	}
	return h, nil
}

// result returns what the last analysis published for a document, once
// no analysis of its directory is pending; nil if it published nothing.
func (s *server) result(ctx context.Context, uri string) (*fileResult, error) {
	name, ok, err := goFile(uri)
	if !ok {
		return nil, err
	}
	dir := filepath.Dir(name)
	for {
		s.mu.Lock()
		busy := s.running == dir || slices.Contains(s.pending, dir)
		idle := s.idle
		var file *fileResult
		if d := s.dirs[dir]; d != nil {
			file = d.files[name]
		}
		s.mu.Unlock()
		if !busy {
			return file, nil
		}
		select {
		case <-idle:
		case <-s.stopped:
			return file, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// overlaps reports whether two ranges share a position, their ends
// included: a cursor at either end of a finding is on it.
func overlaps(a, b Range) bool {
	return !less(a.End, b.Start) && !less(b.End, a.Start)
}

func less(p, q Position) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Character < q.Character
}

// show shows the user a message (window/showMessage).
func (s *server) show(typ int, message string) {
	s.notify("window/showMessage", MessageParams{Type: typ, Message: message})
}

// log writes a message to the editor's log of the server
// (window/logMessage).
func (s *server) log(typ int, message string) {
	s.notify("window/logMessage", MessageParams{Type: typ, Message: message})
}

// notify sends a notification. It fails only once the connection is
// closing, when there is no one left to tell.
func (s *server) notify(method string, params any) {
	if err := s.conn.Notify(context.Background(), method, params); err != nil && !errors.Is(err, jsonrpc2.ErrClientClosing) {
		fmt.Fprintf(s.stderr, "fsmvet lsp: %s: %v\n", method, err)
	}
}

func unmarshal(params jsonrpc2.RawMessage, v any) error {
	if err := jsonrpc2.DefaultCodec.Unmarshal(params, v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "fsmvet lsp: %v", err)
	}
	return nil
}
