package org.arrayflow.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a command writes, as given on its command line ({@code --out DIR}, {@code --trace FILE}, ...): checked
 * before anything runs, so a file where a folder should be or a folder where a file should be is one line
 * naming the option and the path, not an exception after the simulation. What the checks cannot foresee
 * (a file system that refuses a folder) is stopped when the folder is made, with the same kind of line.
 */
final class OutputPaths {
    private OutputPaths() {}

    /** A folder to write into: an existing folder, or one that can be made under its nearest existing parent. */
    static void checkFolder(CommandSpec spec, String option, Path dir) {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            if (!Files.isWritable(abs)) {
                throw refused(spec, option, dir, "the folder is not writable");
            }
            return;
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(spec, option, dir, "exists and is not a folder");
        }
        checkParent(spec, option, dir, abs.getParent());
    }

    /** A file to write: not a folder, and in a folder that exists or can be made. */
    static void checkFile(CommandSpec spec, String option, Path file, String example) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw refused(spec, option, file, "is a folder; " + option + " names the file to write, e.g. "
                    + file.resolve(example));
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw refused(spec, option, file, "the file is not writable");
        }
        checkParent(spec, option, file, abs.getParent());
    }

    /** The folder a path would be made in: its nearest existing parent must be a writable folder. */
    private static void checkParent(CommandSpec spec, String option, Path given, Path parent) {
        Path a = parent;
        while (a != null && !Files.exists(a)) {
            a = a.getParent();
        }
        if (a == null) {
            return;
        }
        if (!Files.isDirectory(a)) {
            throw refused(spec, option, given, "cannot be made: " + a + " is a file, not a folder");
        }
        if (!Files.isWritable(a)) {
            throw refused(spec, option, given, "cannot be made: " + a + " is not writable");
        }
    }

    /** Makes a folder and its parents, or stops with one line naming the option, the path and the reason. */
    static void createFolder(CommandSpec spec, String option, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw refused(spec, option, dir, "cannot make the folder: " + reason(e));
        }
    }

    /** The folder a file given by an option goes in, made if missing. */
    static void createParent(CommandSpec spec, String option, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            createFolder(spec, option, parent);
        }
    }

    private static ParameterException refused(CommandSpec spec, String option, Path path, String why) {
        return new ParameterException(spec.commandLine(), option + " " + path + ": " + why);
    }

    /** An I/O failure as {@code path: what is wrong}, for the command line's last resort. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException f && (f.getFile() != null || f.getOtherFile() != null)) {
            // a move onto its target names the target second: that is the path the user gave
            String path = f.getOtherFile() != null ? f.getOtherFile() : f.getFile();
            return path + ": " + reason(e);
        }
        return "input/output error: " + e.getMessage();
    }

    /** What the file system said, in words. */
    static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException f) {
            String file = f.getOtherFile() != null ? f.getOtherFile() : f.getFile();
            return file != null && !Files.isDirectory(Path.of(file)) ? "exists and is not a folder" : "already exists";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return CliErrors.sentence(f.getReason()).toLowerCase(Locale.ROOT);
        }
        return CliErrors.sentence(String.valueOf(e.getMessage()));
    }
}
