;;; mission-mode.el --- Lettres de mission de missionc (.mission) -*- lexical-binding: t; -*-

;; Mode majeur pour les fichiers .mission : coloration, commentaires « # »,
;; indentation par bloc de deux espaces, M-x compile par « missionc verifier »,
;; et le serveur de langage « missionc lsp » pour eglot (diagnostics à la
;; frappe, complétion, survol, définition, mise en forme, actions).
;;
;; Installation : placez ce fichier dans le load-path, puis
;;   (require 'mission-mode)
;;   (add-hook 'mission-mode-hook #'eglot-ensure)   ; serveur de langage

;;; Code:

(defgroup mission nil
  "Lettres de mission de missionc."
  :group 'languages)

(defcustom mission-missionc-program "missionc"
  "Le programme missionc."
  :type 'string)

(defconst mission-declarations
  '("lettre" "annee" "année" "periode" "période" "academie" "académie"
    "etablissement" "établissement" "partie" "contexte" "service" "service_annuel"
    "presence" "présence" "enseignement" "formation_continue" "mission" "moyens"
    "imp" "decharge" "décharge" "heures_supplementaires" "bilan" "suivi"
    "qualification" "formations" "intervient" "signatures" "fait_a"
    "referentiel" "source" "titulaire" "role" "preambule" "regle"))

(defconst mission-sub-keywords
  '("activite" "activité" "observation" "accord" "condition" "autorisation_cumul"
    "numero" "texte" "exige" "quand" "message" "conseil" "annees" "groupe"))

(defconst mission-words
  '("selon" "uai" "commune" "corps" "discipline" "le" "specifique" "spécifique"
    "forfait" "principale" "secondaire" "complete" "complète" "et" "ou" "non" "dans"))

(defconst mission-font-lock-keywords
  `((,(concat "^[ \t]*" (regexp-opt mission-declarations 'symbols)) . font-lock-keyword-face)
    (,(concat "^[ \t]*" (regexp-opt mission-sub-keywords 'symbols)) . font-lock-builtin-face)
    (,(regexp-opt mission-words 'symbols) . font-lock-type-face)
    ("\\_<[0-9]\\{4\\}-[0-9]\\{2\\}-[0-9]\\{2\\}\\_>" . font-lock-constant-face)
    ("\\_<[0-9]\\{4\\}[-/][0-9]\\{4\\}\\_>" . font-lock-constant-face)
    ("\\_<[0-9]+\\([  ][0-9]\\{3\\}\\)*\\(,[0-9]+\\)?\\( ?\\(h/semaine\\|h/sem\\|h/an\\|heures?\\|h\\|jours/semaine\\|jours?\\|j\\|€\\|euros?\\|EUR\\|parts?\\|ans?\\|années?\\)\\)?"
     . font-lock-constant-face)
    ("…\\|\\.\\.\\." . font-lock-warning-face)
    ("«[[:alnum:]_]+»\\|<<[[:alnum:]_]+>>" . font-lock-variable-name-face)))

(defvar mission-mode-syntax-table
  (let ((st (make-syntax-table)))
    (modify-syntax-entry ?# "<" st)
    (modify-syntax-entry ?\n ">" st)
    (modify-syntax-entry ?_ "_" st)
    (modify-syntax-entry ?\" "\"" st)
    (modify-syntax-entry ?\\ "\\" st)
    st)
  "Table de syntaxe des fichiers .mission.")

(defun mission-indent-line ()
  "Indente la ligne de deux espaces par bloc « { » ouvert."
  (interactive)
  (let ((depth (save-excursion
                 (beginning-of-line)
                 (car (syntax-ppss)))))
    (save-excursion
      (back-to-indentation)
      (when (eq (char-after) ?\}) (setq depth (max 0 (1- depth)))))
    (if (nth 3 (save-excursion (syntax-ppss (line-beginning-position))))
        'noindent
      (indent-line-to (* 2 depth)))))

;;;###autoload
(define-derived-mode mission-mode prog-mode "Mission"
  "Mode majeur des lettres de mission de missionc."
  :syntax-table mission-mode-syntax-table
  (setq-local comment-start "# ")
  (setq-local comment-end "")
  (setq-local indent-tabs-mode nil)
  (setq-local indent-line-function #'mission-indent-line)
  (setq-local font-lock-defaults '(mission-font-lock-keywords))
  (setq-local compile-command
              (concat mission-missionc-program " verifier "
                      (shell-quote-argument (or buffer-file-name "")))))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.mission\\'" . mission-mode))

;; « missionc verifier » écrit « fichier:ligne:colonne: erreur: … ».
(with-eval-after-load 'compile
  (add-to-list 'compilation-error-regexp-alist-alist
               '(missionc "^\\([^: \n]+\\):\\([0-9]+\\):\\([0-9]+\\): \\(?:erreur\\|\\(avertissement\\)\\|\\(note\\)\\):"
                          1 2 3 (4 . 5)))
  (add-to-list 'compilation-error-regexp-alist 'missionc))

;; Le serveur de langage pour eglot.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `(mission-mode . (,mission-missionc-program "lsp"))))

(provide 'mission-mode)
;;; mission-mode.el ends here
