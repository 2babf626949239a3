-- lua/missionc/init.lua — le serveur de langage de missionc dans Neovim
-- (client LSP intégré, Neovim 0.7 ou plus). Dans init.lua :
--   require("missionc").setup()            -- ou setup({ cmd = { "missionc", "lsp" } })
-- Chaque tampon « mission » est alors relié à « missionc lsp » : diagnostics à
-- la frappe, complétion (<C-x><C-o>), survol (K), définition (gd), mise en forme.
local M = {}

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { "missionc", "lsp" }
  local group = vim.api.nvim_create_augroup("missionc_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "mission",
    callback = function(args)
      local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ":p:h")
      if M.client_id == nil or vim.lsp.get_client_by_id(M.client_id) == nil then
        M.client_id = vim.lsp.start_client({
          name = "missionc",
          cmd = cmd,
          root_dir = root,
          init_options = opts.init_options,
          on_attach = opts.on_attach,
        })
      end
      if M.client_id ~= nil then
        vim.lsp.buf_attach_client(args.buf, M.client_id)
        vim.bo[args.buf].omnifunc = "v:lua.vim.lsp.omnifunc"
      end
    end,
  })
end

return M
