// Package cli holds what fsmvet's modes share on the command line.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
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

// BadUsage prints a usage error the flag package cannot see (a flag's
// value against another's, a bad -format) as ParseFlags prints a bad
// flag: the mode's name and the error, then the pointer to the help. It
// returns the exit status of bad usage, 2.
func BadUsage(w io.Writer, mode, help, msg string) int {
	fmt.Fprintf(w, "%s: %s\nrun '%s' for usage\n", mode, msg, help)
	return 2
}

// BuildFlags returns the go command's flags for a -tags flag's value.
func BuildFlags(tags string) []string {
	if tags == "" {
		return nil
	}
	return []string{"-tags=" + tags}
}
