"""Read a file staff point us at (a residence, ``site_config.yml``, the logo) without ever hanging or crashing.

Whatever sits in ``residences/`` is named ``*.yml`` by someone: a folder, a named pipe (which would block
a plain ``open`` for ever), a device, a link to elsewhere, a broken link (an editor's lock file), a file we
may not read, a huge file. Each is refused with a ``Problem`` at line 1 of that name; the file's type and
size are checked on the open descriptor (``fstat``) before a single byte is read.

Symbolic links are refused, wherever they point: a residence or a logo is a plain file in the project
folder, which Git, a zip download and GitHub's web editor all keep as it is. A link could point outside the
project (``/etc/…``) or change under us, and a link inside the project can always be a copy instead.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from generator.contract.slugs import SLUG, dashed
from generator.contract.values import visible
from generator.errors import Problem, in_french

_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_source(path: Path, name: str, max_bytes: int, image: bool = False) -> tuple[bytes | None, list[Problem]]:
    """The bytes of the regular file ``path`` (at most ``max_bytes``), or None and why, as ``name``:1; the
    hints of an ``image`` (the logo) ask for an image, not for a text file nor a name without « .yml »."""
    wanted = "une image PNG ou JPEG" if image else "un fichier texte"

    def refuse(message: str, hint: str) -> tuple[None, list[Problem]]:
        return None, [Problem(name, 1, message, hint)]

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return refuse("fichier introuvable", "vérifiez le nom et le dossier du fichier")
    except OSError as e:
        return refuse(f"fichier illisible ({reason(e)})", "vérifiez le nom et les droits du dossier")
    if stat.S_ISLNK(info.st_mode):
        broken = not path.exists()
        return refuse("lien symbolique cassé (il ne mène à aucun fichier)" if broken else
                      "lien symbolique non accepté : le fichier doit se trouver dans le projet lui-même",
                      "supprimez ce lien" + ("" if broken else " et mettez à sa place une copie du fichier"))
    if stat.S_ISDIR(info.st_mode):
        return refuse("c'est un dossier, pas un fichier",
                      "indiquez le chemin de l'image elle-même, par exemple assets/logo.png" if image else
                      "renommez ce dossier (sans « .yml » à la fin) ou déplacez-le ailleurs")
    if not stat.S_ISREG(info.st_mode):
        return refuse("ce n'est pas un fichier ordinaire (tube nommé, socket ou périphérique)",
                      f"supprimez-le et mettez à sa place {wanted}")
    try:
        fd = os.open(path, _FLAGS)
    except PermissionError:
        return refuse("fichier illisible : droits d'accès insuffisants",
                      "donnez le droit de lecture sur ce fichier (par exemple chmod a+r)")
    except OSError as e:
        if e.errno == errno.ELOOP:  # replaced by a link since lstat
            return refuse("lien symbolique non accepté", "mettez à sa place une copie du fichier")
        return refuse(f"fichier illisible ({reason(e)})", "vérifiez ce fichier")
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # replaced since lstat: never read a pipe or a device
            return refuse("ce n'est pas un fichier ordinaire", f"mettez à sa place {wanted}")
        if opened.st_size > max_bytes:
            return refuse(f"fichier trop volumineux ({_size(opened.st_size)}, maximum {_size(max_bytes)})",
                          "vérifiez que c'est le bon fichier")
        raw = _read(fd, opened.st_size, max_bytes)
    except OSError as e:
        return refuse(f"fichier illisible ({reason(e)})", "vérifiez ce fichier ou le disque qui le contient")
    finally:
        os.close(fd)
    if len(raw) > max_bytes:  # grew since fstat
        return refuse(f"fichier trop volumineux (plus de {_size(max_bytes)})", "vérifiez que c'est le bon fichier")
    return raw, []


def _read(fd: int, size: int, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes of ``fd``, whose ``fstat`` gave ``size``: that many and one more,
    then the rest if it grew, until its end. Asking for ``max_bytes + 1`` at once, through a buffered
    reader, took 30 µs per file (half a megabyte allocated each time); 1,000 residences are read by
    every command. Once the bytes ``fstat`` counted came in fewer than asked (a regular file's end; a
    network file system may give less before it), no read is made to find the end (one system call less
    per file)."""
    chunks: list[bytes] = []
    total, wanted = 0, min(size, max_bytes) + 1
    while total <= max_bytes:
        chunk = os.read(fd, wanted)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total == size and len(chunk) < wanted:  # its end, as fstat saw it
            break
        wanted = min(64 * 1024, max_bytes + 1 - total)
    return b"".join(chunks)


_REASONS = {errno.EACCES: "droits d'accès insuffisants", errno.EPERM: "opération non permise",
            errno.ENOTDIR: "un élément du chemin n'est pas un dossier", errno.ENAMETOOLONG: "nom trop long",
            errno.ELOOP: "boucle de liens symboliques", errno.EIO: "erreur de lecture du disque",
            errno.ENOENT: "introuvable", errno.EISDIR: "c'est un dossier"}


def reason(error: OSError) -> str:
    """Why the system refused, in French: in a reader's words for the usual cases, else ``in_french``."""
    return _REASONS.get(error.errno or 0) or in_french(error)


def _size(count: int) -> str:
    return f"{count // 1024} Ko" if count < 1024 * 1024 * 10 else f"{count // (1024 * 1024)} Mo"


def outside_link(folder: Path) -> bool:
    """Whether the folder ``folder`` of a project is a symbolic link that leads out of it (« residences ->
    /etc/… » in a pull request): its files would be read, quoted in messages and published. Refused as a logo
    out of the project is (``folder_problems``); a link to a folder of the project is followed."""
    return folder.is_symlink() and not folder.resolve().is_relative_to(folder.parent.resolve())


def folder_problems(root: Path, name: str) -> list[Problem]:
    """Why the folder ``name`` of the project at ``root`` gives no files: missing, or a link out of it."""
    if outside_link(root / name):
        return [Problem(name, 1, "lien symbolique vers un dossier hors du projet : ses fichiers ne sont pas lus",
                        f"mettez à sa place le dossier {name}/ lui-même, avec ses fichiers")]
    if not (root / name).is_dir():
        return [Problem(name, 1, "dossier introuvable", f"créez le dossier {name}/ dans {root} ou indiquez --project")]
    return []


def stray_files(folder: Path, name: str) -> list[Problem]:
    """Files under ``folder`` (shown as ``name``) that look like residences but would be skipped in silence.

    Only ``*.yml`` directly in the folder is a residence: a ``x.yaml`` or ``x.YML`` beside them, or a
    ``*.yml`` in a sub-folder (``residences/nord/x.yml``), would never be published, so each is refused.
    Links to folders are not followed.
    """
    if not folder.is_dir() or outside_link(folder):
        return []
    found: list[Problem] = []
    for directory, subfolders, files in os.walk(folder, followlinks=False):
        subfolders.sort()
        inside = Path(directory).relative_to(folder)
        top = inside == Path(".")
        for file in sorted(files):
            if not file.lower().endswith((".yml", ".yaml")) or (top and file.endswith(".yml")):
                continue  # most files, told apart without a Path each (1,000 residences: 5 ms)
            suffix = Path(file).suffix
            if suffix.lower() not in (".yml", ".yaml"):
                continue
            shown = f"{name}/{visible((inside / file).as_posix())}"
            if inside != Path("."):
                found.append(Problem(shown, 1, "fichier dans un sous-dossier : il ne serait pas publié",
                                     f"déplacez-le directement dans {name}/ (ou hors de {name}/ s'il est archivé)"))
            else:
                found.append(Problem(shown, 1, f"extension « {visible(suffix)} » : ce fichier serait ignoré",
                                     f"renommez-le en {_slug_like(Path(file).stem)}.yml"))
    return found


def _slug_like(stem: str) -> str:
    """The name to give a file found with another extension: its own when the slug rule accepts it, else as the
    rule writes it (« AUTRE » → autre), so that the renamed file is not refused in turn."""
    return stem if SLUG.fullmatch(stem) else (dashed(stem) or visible(stem))
