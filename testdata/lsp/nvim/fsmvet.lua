-- fsmvet lsp beside gopls, in Neovim's own LSP client (Neovim 0.7 and
-- later): one fsmvet server, started with the first Go buffer, attached
-- to every Go buffer.
local fsmvet_client
vim.api.nvim_create_autocmd("FileType", {
  pattern = "go",
  callback = function(args)
    if not fsmvet_client then
      fsmvet_client = vim.lsp.start_client({
        name = "fsmvet",
        cmd = { "fsmvet", "lsp" },
        root_dir = vim.fn.getcwd(),
        -- The settings are fsmvet's flags, e.g. a CPU profile for hover:
        -- init_options = { profile = "/abs/path/cpu.pprof", ["fsmswitch.blocked"] = true },
      })
    end
    vim.lsp.buf_attach_client(args.buf, fsmvet_client)
  end,
})
