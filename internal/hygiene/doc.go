// Package hygiene holds no code: its tests check the repository as CI
// must, so that 'go test ./...' is the one command that does it all —
// go.mod tidy, every Go file gofmt'ed, go vet and staticcheck clean.
package hygiene
