package dev.ironcliw.capture.x11;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** System V shared memory from libc, for the MIT-SHM segment. */
interface SysVShm extends Library {
  SysVShm INSTANCE = Native.load("c", SysVShm.class);

  int IPC_PRIVATE = 0;
  int IPC_CREAT = 01000;
  int IPC_RMID = 0;

  int shmget(int key, long size, int flags);

  Pointer shmat(int id, Pointer address, int flags);

  int shmdt(Pointer address);

  int shmctl(int id, int command, Pointer buffer);
}
