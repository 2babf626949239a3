" compiler/missionc.vim — :make vérifie la lettre avec « missionc verifier »
" et remplit la liste des erreurs (fichier:ligne:colonne: gravité: message).
if exists("current_compiler")
  finish
endif
let current_compiler = "missionc"

CompilerSet makeprg=missionc\ verifier\ %
CompilerSet errorformat=%f:%l:%c:\ erreur:\ %m,%f:%l:%c:\ avertissement:\ %m,%f:%l:%c:\ note:\ %m,%-G%.%#
