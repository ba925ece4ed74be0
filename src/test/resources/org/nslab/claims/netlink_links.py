# Lists the network devices a netlink socket sees, before and after its creator moves to the
# network namespace at argv[1]: the socket opened first keeps answering for where it was made.
import ctypes, os, socket, struct, sys

def links(s):
    s.send(struct.pack("=LHHLL", 32, 18, 0x301, 1, 0) + struct.pack("=BxHiII", 0, 0, 0, 0, 0))
    names = []
    while True:
        data = s.recv(65536)
        off = 0
        while off < len(data):
            length, kind = struct.unpack_from("=LH", data, off)
            if kind == 3:  # NLMSG_DONE
                return " ".join(sorted(names))
            a = off + 32  # nlmsghdr, ifinfomsg
            while a < off + length:
                alen, atype = struct.unpack_from("=HH", data, a)
                if atype == 3:  # IFLA_IFNAME
                    names.append(data[a + 4:a + alen].rstrip(b"\0").decode())
                a += (alen + 3) & ~3
            off += (length + 3) & ~3

first = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
print("made here:", links(first))
libc = ctypes.CDLL(None, use_errno=True)
if libc.setns(os.open(sys.argv[1], os.O_RDONLY), 0x40000000) != 0:
    sys.exit("setns: errno %d" % ctypes.get_errno())
print("made here, asked there:", links(first))
print("made there:", links(socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)))
