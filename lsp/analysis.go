package lsp

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/fsmvet/fsmvet/internal/edit"
	"github.com/fsmvet/fsmvet/lint"
	"github.com/fsmvet/fsmvet/passes/hotspot"
)

// A dirResult is what the last analysis of a directory's package
// published, by file name.
type dirResult struct {
	files map[string]*fileResult
}

// A fileResult is one file's findings, as diagnostics with their quick
// fixes and hover text.
type fileResult struct {
	uri     string
	version *int32 // the version of the editor's buffer analysed; nil if not open
	items   []item
}

type item struct {
	diag    Diagnostic
	actions []CodeAction
	share   string // the finding's share of CPU (hotspot.Share); "" without a profile
}

// A snapshot is the editor's open files as one analysis sees them.
type snapshot struct {
	docs  map[string]document
	disk  map[string][]byte // files read from disk for their positions, once each
	texts map[string]*text
}

// schedule asks for an analysis of the package in dir. A directory
// already waiting keeps its place: it will be analysed with its latest
// text.
func (s *server) schedule(dir string) {
	s.mu.Lock()
	if !slices.Contains(s.pending, dir) {
		s.pending = append(s.pending, dir)
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default: // the worker is already woken
	}
}

// work analyses the pending directories, one at a time, until stopWork.
func (s *server) work() {
	defer close(s.stopped)
	for {
		select {
		case <-s.stop:
			return
		case <-s.wake:
		}
		for {
			select {
			case <-s.stop:
				return
			default:
			}
			dir, snap, ok := s.next()
			if !ok {
				break
			}
			s.finish(dir, s.analyse(dir, snap), snap)
		}
	}
}

// stopWork ends the worker, after the analysis it is running, and waits
// for it.
func (s *server) stopWork() {
	s.stopOnce.Do(func() { close(s.stop) })
	<-s.stopped
}

// next takes the first pending directory and a snapshot of the open
// files, or reports that none is pending.
func (s *server) next() (string, *snapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.pending) == 0 {
		return "", nil, false
	}
	dir := s.pending[0]
	s.pending = s.pending[1:]
	s.running = dir
	snap := &snapshot{docs: make(map[string]document, len(s.docs)), disk: make(map[string][]byte), texts: make(map[string]*text)}
	for name, d := range s.docs {
		snap.docs[name] = *d
	}
	return dir, snap, true
}

// analyse runs 'fsmvet .' in dir on the snapshot, and tells the user what
// kept it from finishing: the errors it would print.
func (s *server) analyse(dir string, snap *snapshot) *dirResult {
	cfg := s.cfg
	cfg.Dir = dir
	cfg.Overlay = make(map[string][]byte, len(snap.docs))
	for name, d := range snap.docs {
		cfg.Overlay[name] = d.text
	}
	var warnings bytes.Buffer
	findings, errs, err := lint.Run(cfg, s.selected, &warnings, ".")
	for line := range strings.Lines(warnings.String()) {
		s.log(messageWarning, strings.TrimSuffix(line, "\n"))
	}
	if err != nil {
		s.show(messageError, fmt.Sprintf("fsmvet: %s: %v", dir, err))
	}
	if len(errs) > 0 {
		s.log(messageWarning, fmt.Sprintf("fsmvet: packages in %s do not type-check; fsmvet shows the findings of those that do:\n%s", dir, strings.Join(errs, "\n")))
	}
	res := &dirResult{files: make(map[string]*fileResult)}
	for _, f := range findings {
		if err := s.add(res, f, snap); err != nil {
			s.show(messageError, fmt.Sprintf("fsmvet: %s: %v", f.Posn, err))
		}
	}
	return res
}

// add adds a finding to the file it is in.
func (s *server) add(res *dirResult, f lint.Finding, snap *snapshot) error {
	t, err := snap.text(f.Posn.Filename)
	if err != nil {
		return err
	}
	file := res.files[f.Posn.Filename]
	if file == nil {
		file = &fileResult{uri: snap.uri(f.Posn.Filename), version: snap.version(f.Posn.Filename)}
		res.files[f.Posn.Filename] = file
	}
	d := Diagnostic{
		Range:    Range{t.tokenPosition(f.Posn), t.tokenPosition(f.End)},
		Severity: severityWarning,
		Code:     f.Analyzer,
		Source:   "fsmvet",
		Message:  f.Message,
	}
	if url := s.url(f.Analyzer); url != "" {
		d.CodeDescription = &CodeDescription{Href: url}
	}
	for _, r := range f.Related {
		rt, err := snap.text(r.Posn.Filename)
		if err != nil {
			return err
		}
		d.RelatedInformation = append(d.RelatedInformation, DiagnosticRelatedInformation{
			Location: Location{URI: snap.uri(r.Posn.Filename), Range: Range{rt.tokenPosition(r.Posn), rt.tokenPosition(r.End)}},
			Message:  r.Message,
		})
	}
	it := item{diag: d}
	it.share, _ = hotspot.Share(f.Message)
	for _, fx := range f.Fixes {
		a, err := quickFixOf(fx, d, len(f.Fixes) == 1, snap)
		if err != nil {
			return fmt.Errorf("fix %q: %w", fx.Message, err)
		}
		it.actions = append(it.actions, a)
	}
	file.items = append(file.items, it)
	return nil
}

// quickFixOf returns a fix as a code action whose edit leaves each file as
// 'fsmvet -fix' would (the fix's edits made, the file gofmt'ed), as the
// few lines that change.
func quickFixOf(fx lint.Fix, d Diagnostic, preferred bool, snap *snapshot) (CodeAction, error) {
	files, err := fx.Apply(snap.read)
	if err != nil {
		return CodeAction{}, err
	}
	a := CodeAction{Title: fx.Message, Kind: quickFix, Diagnostics: []Diagnostic{d}, IsPreferred: preferred}
	for _, f := range files {
		t, err := snap.text(f.Name)
		if err != nil {
			return CodeAction{}, err
		}
		de := TextDocumentEdit{TextDocument: OptionalVersionedTextDocumentIdentifier{URI: snap.uri(f.Name), Version: snap.version(f.Name)}}
		for _, e := range edit.Lines(f.Before, f.After) {
			de.Edits = append(de.Edits, TextEdit{Range: Range{t.position(e.Start), t.position(e.End)}, NewText: e.New})
		}
		a.Edit.DocumentChanges = append(a.Edit.DocumentChanges, de)
	}
	return a, nil
}

// finish records an analysis of a snapshot and publishes its diagnostics:
// for each file it found something in, and, empty, for each it had found
// something in before and no longer does.
func (s *server) finish(dir string, res *dirResult, snap *snapshot) {
	s.mu.Lock()
	old := s.dirs[dir]
	var names []string
	if old != nil {
		for name := range old.files {
			names = append(names, name)
		}
	}
	for name := range res.files {
		names = append(names, name)
	}
	slices.Sort(names)
	var publish []PublishDiagnosticsParams
	for _, name := range slices.Compact(names) {
		file := res.files[name]
		if file == nil {
			file = &fileResult{uri: old.files[name].uri, version: snap.version(name)} // cleared
		}
		p := PublishDiagnosticsParams{URI: file.uri, Version: file.version, Diagnostics: []Diagnostic{}}
		for _, it := range file.items {
			p.Diagnostics = append(p.Diagnostics, it.diag)
		}
		publish = append(publish, p)
	}
	s.dirs[dir] = res
	s.running = ""
	close(s.idle)
	s.idle = make(chan struct{})
	s.mu.Unlock()
	for _, p := range publish {
		s.notify("textDocument/publishDiagnostics", p)
	}
}

// url returns the manual's address of the analyzer named.
func (s *server) url(analyzer string) string {
	for _, a := range s.analyzers {
		if a.Name == analyzer {
			return a.URL
		}
	}
	return ""
}

// read returns a file's text in the snapshot: the editor's buffer, or
// the file on disk, read once.
func (snap *snapshot) read(name string) ([]byte, error) {
	if d, ok := snap.docs[name]; ok {
		return d.text, nil
	}
	if data, ok := snap.disk[name]; ok {
		return data, nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	snap.disk[name] = data
	return data, nil
}

func (snap *snapshot) text(name string) (*text, error) {
	if t := snap.texts[name]; t != nil {
		return t, nil
	}
	data, err := snap.read(name)
	if err != nil {
		return nil, err
	}
	t := newText(data)
	snap.texts[name] = t
	return t, nil
}

// uri returns a file's URI: the editor's own spelling for an open file.
func (snap *snapshot) uri(name string) string {
	if d, ok := snap.docs[name]; ok {
		return d.uri
	}
	return fileURI(name)
}

// version returns the version of an open file's buffer; nil if not open.
func (snap *snapshot) version(name string) *int32 {
	if d, ok := snap.docs[name]; ok {
		return &d.version
	}
	return nil
}
