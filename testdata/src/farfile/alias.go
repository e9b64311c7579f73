package farfile

import stdio "io"

var _ stdio.Reader // the file imports io under another name

type aliasState int

const (
	aliasA aliasState = iota
	aliasB
)
