-- The test of fsmvet lsp in Neovim (lsp/nvim_test.go runs it): it loads
-- the configuration docs/editors.md shows (fsmvet.lua, $FSMVET_CONFIG),
-- waits for the diagnostics of the file given on the command line, puts
-- the cursor on the state machine's, asks for its code actions, applies
-- the quick fix as vim.lsp.buf.code_action does, writes the file, waits
-- for the diagnostics to go, and writes what it saw to $FSMVET_RESULT as
-- JSON. Any failure exits non-zero.
dofile(os.getenv("FSMVET_CONFIG"))

local function fsmvet_client()
  for _, client in ipairs(vim.lsp.get_active_clients()) do
    if client.name == "fsmvet" then
      return client
    end
  end
  error("no fsmvet client")
end

local function wait(what, cond)
  if not vim.wait(120000, cond, 50) then
    error("timed out waiting for " .. what)
  end
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  wait("the diagnostics", function()
    return #vim.diagnostic.get(bufnr) == 2
  end)
  local client = fsmvet_client()
  local result = { diagnostics = {}, offset_encoding = client.offset_encoding }
  local machine
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, code = d.code, message = d.message,
    })
    if d.code == "fsmswitch" then
      machine = d
    end
  end
  if not machine then
    error("no fsmswitch diagnostic")
  end

  -- As a user does: the cursor on the finding, then the code actions.
  vim.api.nvim_win_set_cursor(0, { machine.lnum + 1, machine.col })
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  params.context = { diagnostics = {} }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 120000)
  if not responses then
    error("no answer to textDocument/codeAction")
  end
  local response = responses[client.id]
  if response.err then
    error("textDocument/codeAction: " .. vim.inspect(response.err))
  end
  result.actions = {}
  for _, action in ipairs(response.result or {}) do
    table.insert(result.actions, { title = action.title, kind = action.kind })
    if action.kind == "quickfix" then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    end
  end
  vim.cmd("write")
  wait("the diagnostics to go", function()
    return #vim.diagnostic.get(bufnr) == 0
  end)
  return result
end

vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local ok, result = pcall(run)
    if not ok then
      result = { error = tostring(result) }
    end
    local f = assert(io.open(os.getenv("FSMVET_RESULT"), "w"))
    f:write(vim.fn.json_encode(result))
    f:close()
    vim.cmd(ok and "qa!" or "cq!")
  end,
})
