package lsp

import (
	"fmt"
	"go/token"
	"net/url"
	"path/filepath"
	"sort"
	"unicode/utf16"
	"unicode/utf8"
)

// A text is a file's content, indexed by line to convert between the
// byte offsets and columns of go/token and LSP's positions, whose
// character offsets count UTF-16 code units: 𝒶 is one rune, four bytes
// and two units.
type text struct {
	data  []byte
	lines []int // lines[i] is the offset of line i's first byte
}

func newText(data []byte) *text {
	t := &text{data: data, lines: []int{0}}
	for i, b := range data {
		if b == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// position returns the LSP position of a byte offset (clamped to the
// text).
func (t *text) position(offset int) Position {
	offset = min(max(offset, 0), len(t.data))
	line := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > offset }) - 1
	units := 0
	for _, r := range string(t.data[t.lines[line]:offset]) {
		units += utf16Len(r)
	}
	return Position{Line: line, Character: units}
}

// tokenPosition returns the LSP position of a go/token position in this
// text: its line, and its column, which counts bytes from 1 (0: the
// position has none, and stands for the start of its line).
func (t *text) tokenPosition(p token.Position) Position {
	if p.Line < 1 || p.Line > len(t.lines) {
		return t.position(len(t.data))
	}
	return t.position(t.lines[p.Line-1] + max(p.Column, 1) - 1)
}

// offset returns the byte offset of an LSP position. A character offset
// past the end of its line stands for the line's end, as LSP says; one
// in the middle of a rune's two units, for the end of the rune.
func (t *text) offset(p Position) (int, error) {
	if p.Line < 0 || p.Line >= len(t.lines) {
		return 0, fmt.Errorf("line %d is not in the text's %d lines", p.Line, len(t.lines))
	}
	end := len(t.data)
	if p.Line+1 < len(t.lines) {
		end = t.lines[p.Line+1] - 1 // the newline
	}
	i := t.lines[p.Line]
	for units := 0; i < end && units < p.Character; {
		r, size := utf8.DecodeRune(t.data[i:end])
		units += utf16Len(r)
		i += size
	}
	return i, nil
}

// utf16Len is how many UTF-16 units r takes; an invalid byte (RuneError)
// takes one, as an editor shows it as one replacement character.
func utf16Len(r rune) int {
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}
	return 1
}

// fileURI returns the file: URI of an absolute file name.
func fileURI(name string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(name)}).String()
}

// fileName returns the file name of a file: URI.
func fileName(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", err
	}
	if u.Scheme != "file" || u.Path == "" {
		return "", fmt.Errorf("%s is not a file: URI", uri)
	}
	return filepath.Clean(filepath.FromSlash(u.Path)), nil
}
