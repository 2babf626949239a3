" ftplugin/mission.vim — réglages des lettres .mission : commentaires en
" « # », indentation de deux espaces, :make par missionc, gq par le formateur.
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=#\ %s comments=:#
setlocal expandtab shiftwidth=2 softtabstop=2
setlocal formatprg=missionc\ formater\ -
compiler missionc

let b:undo_ftplugin = "setlocal commentstring< comments< expandtab< shiftwidth< softtabstop< formatprg< makeprg< errorformat<"
