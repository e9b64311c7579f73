module example.com/lsp

go 1.26
