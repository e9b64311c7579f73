// Package cli holds what fsmvet's modes share on the command line.
package cli

import (
	"errors"
	"flag"
	"fmt"
)

// ParseFlags parses args with fs, which prints to its output. -h prints
// the mode's full usage and stops with status 0; a bad flag prints the
// flag package's one-line error and a pointer to the help, not the whole
// manual (whose length would bury the error), and stops with status 2.
// It reports whether to go on, and if not, the exit status.
func ParseFlags(fs *flag.FlagSet, args []string, usage func(), help string) (exit int, ok bool) {
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return 0, false
		}
		fmt.Fprintf(fs.Output(), "run '%s' for usage\n", help)
		return 2, false
	}
	return 0, true
}

// BuildFlags returns the go command's flags for a -tags flag's value.
func BuildFlags(tags string) []string {
	if tags == "" {
		return nil
	}
	return []string{"-tags=" + tags}
}
