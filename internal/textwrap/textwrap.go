// Package textwrap lays out fsmvet's text reports (report, verify) in
// lines of at most Width columns.
package textwrap

import "strings"

// Width is the text reports' width, which a line never exceeds but for a
// word longer than a line.
const Width = 100

// Short keeps the end of a position, which says most.
func Short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n+1:]
}

// Wrap breaks text into lines of at most Width columns, each indented.
func Wrap(text, indent string) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(text) {
		if len(line)+1+len(word) > Width && strings.TrimSpace(line) != "" {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = indent + "  "
		}
		if strings.TrimSpace(line) != "" {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n")
	return b.String()
}
