module example.com/genrank

go 1.26
