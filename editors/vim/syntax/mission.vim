" syntax/mission.vim — coloration des fichiers .mission (missionc).
" Déclarations, mots du langage, chaînes, blocs de texte, nombres avec leur
" unité, dates, années scolaires, blancs « … », champs de lot, commentaires.
if exists("b:current_syntax")
  finish
endif

syn case match

syn keyword missionDeclaration lettre annee année periode période academie académie
syn keyword missionDeclaration etablissement établissement partie contexte service
syn keyword missionDeclaration service_annuel presence présence enseignement
syn keyword missionDeclaration formation_continue mission moyens imp decharge décharge
syn keyword missionDeclaration heures_supplementaires bilan suivi qualification
syn keyword missionDeclaration formations intervient signatures fait_a
syn keyword missionBlock activite activité observation accord condition autorisation_cumul
syn keyword missionWord selon uai commune corps discipline le specifique spécifique
syn keyword missionWord forfait principale secondaire complete complète
syn keyword missionOperator et ou non dans
" Référentiels (stdlib/) : leurs propres déclarations.
syn keyword missionDeclaration referentiel source titulaire role preambule regle
syn keyword missionBlock numero texte exige quand message conseil annees groupe

syn match missionComment "#.*$" contains=@Spell
syn region missionString start=+"+ skip=+\\.+ end=+"+ oneline contains=missionEscape,missionField
syn match missionEscape +\\.+ contained
syn region missionText start=+"""+ end=+"""+ contains=@Spell,missionField
syn match missionDate "\<\d\{4}-\d\{2}-\d\{2}\>"
syn match missionYear "\<\d\{4}[-/]\d\{4}\>"
syn match missionNumber "\<\d\+\%([  ]\d\{3}\)*\%(,\d\+\)\?\%(\s\?\%(h/semaine\|h/sem\|h/an\|heures\?\|h\|jours/semaine\|jours\?\|j\|€\|euros\?\|EUR\|parts\?\|ans\?\|années\?\)\)\?"
syn match missionBlank "…\|\.\.\."
syn match missionField "«\w\+»\|<<\w\+>>"
syn match missionRange "\.\."

hi def link missionDeclaration Statement
hi def link missionBlock Keyword
hi def link missionWord Type
hi def link missionOperator Operator
hi def link missionComment Comment
hi def link missionString String
hi def link missionText String
hi def link missionEscape SpecialChar
hi def link missionDate Constant
hi def link missionYear Constant
hi def link missionNumber Number
hi def link missionBlank Todo
hi def link missionField Identifier
hi def link missionRange Operator

let b:current_syntax = "mission"
